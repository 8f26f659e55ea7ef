"""Incidents a patrol meets: sightings, interceptions, apprehensions, rescues at sea, with the people involved (each
screened at once and given a person record) and the items seized."""
