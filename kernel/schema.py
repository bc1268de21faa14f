"""Migration operations of the site's own.

`AddColumns` adds text columns the way every database can without copying the table. Django's
SQLite backend remakes a whole table (copies every row, drops the old table and its triggers) to add
a column that is not null or has a default; a translation of a text field is both (`""`), and each
model gains several (kernel.translation), so a plain `AddField` per column copied each table once
per column. SQLite's own `ALTER TABLE … ADD COLUMN … NOT NULL DEFAULT ''` adds it in place: the
rows read the default, the table and its full-text triggers stay. The column keeps that database
default on SQLite, which nothing relies on (Django always writes the value). On PostgreSQL and
elsewhere each field is added as `AddField` does it (PostgreSQL adds such a column without a copy).
"""

from django.db.migrations.operations.base import Operation


class AddColumns(Operation):
    """`AddColumns([migrations.AddField(...), ...])`: the fields, each a string column with the
    default `""`, added in place on SQLite."""

    reversible = True

    def __init__(self, operations):
        self.operations = list(operations)

    def deconstruct(self):
        return self.__class__.__qualname__, [self.operations], {}

    def state_forwards(self, app_label, state):
        for operation in self.operations:
            operation.state_forwards(app_label, state)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        quote = schema_editor.quote_name
        for operation in self.operations:
            model = to_state.apps.get_model(app_label, operation.model_name)
            if not self.allow_migrate_model(schema_editor.connection.alias, model):
                continue
            field = model._meta.get_field(operation.name)
            if schema_editor.connection.vendor != "sqlite":
                schema_editor.add_field(model, field)
                continue
            definition, params = schema_editor.column_sql(model, field, include_default=False)
            schema_editor.execute(
                f"ALTER TABLE {quote(model._meta.db_table)} ADD COLUMN {quote(field.column)} "
                f"{definition} DEFAULT ''",
                params,
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for operation in reversed(self.operations):
            model = from_state.apps.get_model(app_label, operation.model_name)
            if self.allow_migrate_model(schema_editor.connection.alias, model):
                schema_editor.remove_field(model, model._meta.get_field(operation.name))

    def describe(self):
        names = ", ".join(f"{operation.model_name}.{operation.name}" for operation in self.operations)
        return f"Add the columns {names}"

    @property
    def migration_name_fragment(self):
        return "columns"
