import type { CatalogResource } from '../../../lib/catalog-fields';
import type { FieldSpec, FormValues } from '../../../lib/catalog-forms';
import { CatalogForm } from '../../ui/catalog-form';
import { PageHeader } from '../../ui/page-header';
import { saveCatalogObject } from '../catalog-actions';

/** A page that is one create or edit form of a catalog object. */
export function CatalogFormPage({
  area,
  resource,
  id,
  title,
  description,
  fields,
  initial,
  listPath,
}: {
  area: string;
  resource: CatalogResource;
  /** null to create */
  id: string | null;
  title: string;
  description?: string;
  fields: FieldSpec[];
  initial: FormValues;
  listPath: string;
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <CatalogForm
        action={saveCatalogObject.bind(null, area, resource, id, '')}
        fields={fields}
        initial={initial}
        editing={id !== null}
        submitLabel={id ? 'Save changes' : title.replace(/^New/, 'Create')}
        cancelHref={`/${area}/${listPath}`}
      />
    </>
  );
}
