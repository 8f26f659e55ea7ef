"""The actor tests use to set up their world: the system, named, as the demo and the command line are."""

from borderdesk.apps.accounts.actors import SystemActor

SETUP = SystemActor("test setup")
