// @ts-check

/**
 * The owner notifications' state: one row per episode (a condition of an entity, from when
 * it was first seen until it cleared) and one per promotion or rollback pull request Forja
 * opened, until it is merged or closed. Rows are pruned after overview.notifications.keepClosedFor.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('overview_episodes', table => {
    table.comment('Conditions of entities (Degraded, OutOfSync, alert firing)');
    table.increments('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('source', 32).notNullable().comment('argocd or grafana');
    table.string('kind', 32).notNullable();
    table.text('condition_key').notNullable();
    // sha256 of entity_ref and condition_key while the episode is open, null once closed:
    // at most one open episode per condition, whichever replica inserts it.
    table.string('open_key', 64).nullable().unique();
    table.text('subject').notNullable();
    table.text('link').nullable();
    table.bigInteger('opened_at').notNullable();
    table.bigInteger('notified_at').nullable();
    table.bigInteger('closed_at').nullable();
    table.index(['closed_at'], 'overview_episodes_closed_at_idx');
  });
  await knex.schema.createTable('overview_pull_requests', table => {
    table.comment('Promotion and rollback pull requests Forja opened');
    table.increments('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('kind', 32).notNullable().comment('promotion or rollback');
    table.string('host', 255).notNullable();
    table.string('owner', 100).notNullable();
    table.string('repo', 100).notNullable();
    table.integer('number').notNullable();
    table.text('url').notNullable();
    table.text('title').notNullable();
    table.bigInteger('opened_at').notNullable();
    table.bigInteger('checked_at').notNullable();
    table.bigInteger('merged_at').nullable();
    table.bigInteger('closed_at').nullable();
    table.unique(['host', 'owner', 'repo', 'number'], {
      indexName: 'overview_pull_requests_number_idx',
    });
    table.index(['closed_at'], 'overview_pull_requests_closed_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('overview_pull_requests');
  await knex.schema.dropTable('overview_episodes');
};
