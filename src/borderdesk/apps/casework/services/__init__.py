"""Casework services: every read and change of an application goes through one of these (see ``cases``)."""
