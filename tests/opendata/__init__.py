"""Open data: calendars, feeds, the sitemap, structured data and IATI through the API."""
