"""Casework pages. Each module owns its part (its views, its ``urlpatterns``, and the ``panel`` it adds to a
case's page); ``urls.py`` joins them. Views stay thin: every read and write is a service call."""
