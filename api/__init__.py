"""What every resource of the REST API (`/api/v1/`) shares; each app owns its serializers and viewsets.

The contract is docs/api.md; the schema is served at /api/v1/schema/.
"""
