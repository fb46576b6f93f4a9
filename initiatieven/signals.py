"""Announcements other apps subscribe to (sent after commit by ``initiatieven.services``).

The matching app listens to these to run an incremental match; this app never imports
matching (DESIGN.md, convention 10). Each signal carries only ids.
"""

from django.dispatch import Signal

initiative_changed = Signal()  # initiative_id
organisation_changed = Signal()  # organisation_id
scheme_changed = Signal()  # scheme_id
