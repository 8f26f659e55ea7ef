from django.apps import AppConfig


class PostsConfig(AppConfig):
    name = "borderdesk.apps.posts"
    label = "posts"
    verbose_name = "Posts and booths"
