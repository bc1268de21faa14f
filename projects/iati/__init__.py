"""Projects as IATI 2.03 activities: the file the ILO publishes, and the import of such files.

Export: `activities_document(projects)` returns a whole file; `iter_activities_document(projects)`
yields it one activity at a time, for a streaming response. Codes follow the IATI codelists and the
file follows the IATI Standard Ruleset as well as the schema (a start date on every activity, dates
in order, no actual date in the future, percentages adding up to 100, budget periods of at most a
year, default language and currency set). What IATI cannot hold (the slug, the precision of a date,
a result's "more than", the Markdown description) is kept in the ILO extension namespace, so a file
exported here imports back into the same projects.

Import: `import_activities(tree)` creates or updates projects by IATI identifier from a parsed,
schema-valid file (see `kernel.iati.parse`), in one transaction; the `import_iati` command
is its front end.

The package: `codes` (the IATI codes and constants both directions share), `export`, and the import
in three parts: `records` (what an activity is read into), `reading` (the file to records, checked)
and `writing` (records to projects), driven by `importer`.
"""

from projects.iati.export import activities_document, iter_activities_document
from projects.iati.importer import ImportRefused, import_activities

__all__ = ["ImportRefused", "activities_document", "import_activities", "iter_activities_document"]
