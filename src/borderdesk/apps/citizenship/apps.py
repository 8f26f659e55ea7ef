from django.apps import AppConfig


class CitizenshipConfig(AppConfig):
    name = "borderdesk.apps.citizenship"
    label = "citizenship"
    verbose_name = "Citizenship: naturalisation"

    def ready(self) -> None:
        from borderdesk.apps.casework.services import kind_rules
        from borderdesk.apps.citizenship import services

        kind_rules.register(
            services.KIND,
            kind_rules.KindRules(check_approval=services.check_approval, ground_facts=services.ground_facts),
        )
