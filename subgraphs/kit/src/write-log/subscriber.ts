import { ChangeSetType, helper, type ChangeSet, type EntityMetadata, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import { WriteLogEntry, WriteOperation, type WriteLogChange } from './entry';
import { currentWriteScope } from './scope';
import { valueForLog } from './values';

const OPERATIONS: Partial<Record<ChangeSetType, WriteOperation>> = {
  [ChangeSetType.CREATE]: WriteOperation.CREATE,
  [ChangeSetType.UPDATE]: WriteOperation.UPDATE,
  [ChangeSetType.UPDATE_EARLY]: WriteOperation.UPDATE,
  [ChangeSetType.DELETE]: WriteOperation.DELETE,
  [ChangeSetType.DELETE_EARLY]: WriteOperation.DELETE,
};

const keyOf = (entity: object) => String(helper(entity).getSerializedPrimaryKey());

/**
 * The project an object belongs to: the Project itself, its `projectId`, or a `project` relation,
 * looked for on the object and up to two loaded parents (a case event → its case → projectId).
 */
export function projectOf(entity: object, depth = 0): string | null {
  const meta = helper(entity).__meta;
  if (meta.className === 'Project') return keyOf(entity);
  const record = entity as Record<string, unknown>;
  if (typeof record.projectId === 'string') return record.projectId;
  const parents: object[] = [];
  for (const prop of meta.relations) {
    if (prop.kind !== 'm:1' && prop.kind !== '1:1') continue;
    const target = record[prop.name];
    if (!target || typeof target !== 'object') continue;
    if (prop.type === 'Project') return keyOf(target);
    if (helper(target).__initialized) parents.push(target);
  }
  if (depth < 2) {
    for (const parent of parents) {
      const found = projectOf(parent, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

function changesOf(changeSet: ChangeSet<object>, meta: EntityMetadata): WriteLogChange[] {
  // MikroORM gives a DELETE change set no original data: the loaded entity's snapshot is what it held.
  const before = (changeSet.originalEntity ?? helper(changeSet.entity).__originalEntityData ?? {}) as Record<string, unknown>;
  const after = (changeSet.payload ?? {}) as Record<string, unknown>;
  const deleting = changeSet.type === ChangeSetType.DELETE || changeSet.type === ChangeSetType.DELETE_EARLY;
  const creating = changeSet.type === ChangeSetType.CREATE;
  const fields = deleting ? Object.keys(before) : Object.keys(after);
  return fields
    .filter((field) => meta.properties[field] && !meta.properties[field].primary)
    .map((field) => ({
      field,
      before: creating ? null : valueForLog(meta, field, before[field]),
      after: deleting ? null : valueForLog(meta, field, after[field]),
    }))
    .filter((change) => change.before !== change.after);
}

/**
 * The write log's recorder: in every flush made while a mutation runs (runInWriteScope), one entry
 * per object created, changed or deleted is added to the same flush, so it commits or rolls back with
 * the change itself. Registered for every slice by the kit's ORM options.
 */
export class WriteLogSubscriber implements EventSubscriber {
  constructor(private readonly slice: string) {}

  onFlush(args: FlushEventArgs): void {
    const scope = currentWriteScope();
    if (!scope) return;
    const changeSets = args.uow.getChangeSets().filter((changeSet) => !(changeSet.entity instanceof WriteLogEntry));
    const at = new Date();
    for (const changeSet of changeSets) {
      const operation = OPERATIONS[changeSet.type];
      if (!operation) continue;
      const meta = changeSet.meta;
      const changes = changesOf(changeSet, meta);
      if (operation === WriteOperation.UPDATE && changes.length === 0) continue;
      const entry = new WriteLogEntry();
      Object.assign(entry, {
        at,
        slice: this.slice,
        mutation: scope.mutation,
        requestId: scope.requestId.slice(0, 100),
        actorSub: scope.caller.sub.slice(0, 255),
        actorName: scope.caller.name.slice(0, 255),
        actorRole: scope.caller.role,
        actorDepartment: scope.caller.department ?? null,
        operation,
        objectType: meta.className,
        objectId: keyOf(changeSet.entity).slice(0, 255),
        projectId: projectOf(changeSet.entity),
        changes,
      });
      args.uow.computeChangeSet(entry);
    }
  }
}
