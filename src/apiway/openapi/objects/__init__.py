"""The OpenAPI object classes, a module per part of a document; import them from ``apiway.openapi.models``."""
