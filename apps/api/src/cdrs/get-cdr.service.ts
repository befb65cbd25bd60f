import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { toCdrView, viewerOf } from './cdr-view';
import { cdrsInScope } from './list-cdrs.service';

/** One CDR with its cost at every level the caller may see. */
@Injectable()
export class GetCdrService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(actor: Actor, id: string) {
    const { view, levels } = toCdrView(
      await cdrsInScope(this.dataSource, actor).findById(id),
      viewerOf(actor.scope),
    );
    return { ...view, levels };
  }
}
