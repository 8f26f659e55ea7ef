"""Patrols on land and sea: sectors with their boundaries, units (foot, vehicle, boat, and partners' vessels), patrols
with their crew, start and end, and the positions reported along the way; the sector's map."""
