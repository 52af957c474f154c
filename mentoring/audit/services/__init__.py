from .log import changed_fields, record

__all__ = ["changed_fields", "record"]
