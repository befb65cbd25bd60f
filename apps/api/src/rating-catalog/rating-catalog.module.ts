import { Global, Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { CatalogChanges } from './catalog-changes';
import { DEFAULT_RATING_CATALOG_OPTIONS, RATING_CATALOG_OPTIONS, RatingCatalog } from './rating-catalog';

/** Global: the operator API's writers announce changes through `CatalogChanges` from every module. */
@Global()
@Module({
  imports: [HealthModule],
  providers: [
    CatalogChanges,
    RatingCatalog,
    { provide: RATING_CATALOG_OPTIONS, useValue: DEFAULT_RATING_CATALOG_OPTIONS },
  ],
  exports: [CatalogChanges, RatingCatalog],
})
export class RatingCatalogModule {}
