from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from borderdesk.apps.common.errors import BorderdeskError
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.travel_documents import services, trust_store
from borderdesk.core.access import Perm

VIZ_LABELS = {
    "surname": "Surname",
    "given_names": "Given names",
    "document_number": "Document number",
    "birth_date": "Date of birth",
    "expiry_date": "Date of expiry",
    "sex": "Sex",
    "nationality": "Nationality",
}
VIZ_FIELDS = list(VIZ_LABELS)


@login_required
@refuses_without(Perm.DOCUMENTS_MRZ_CHECK)
def check_page(request):
    return render(request, "travel_documents/check.html", {"viz_fields": VIZ_LABELS.items()})


@login_required
@require_POST
@refuses_without(Perm.DOCUMENTS_MRZ_CHECK)
def check_result(request):
    form = request.POST
    try:
        departure = _date(form.get("departure"), "departure")
        viz = {name: _viz_value(name, form.get(f"viz_{name}", "")) for name in VIZ_FIELDS}
        viz = {name: value for name, value in viz.items() if value not in (None, "")}
    except BorderdeskError as exc:
        return render(request, "travel_documents/_result.html", {"error": exc})
    result = services.check_document(
        request.user, form.get("mrz", ""), repair=form.get("repair") == "on", departure=departure, viz=viz or None
    )
    return render(request, "travel_documents/_result.html", {"result": result})


def _viz_value(name, raw):
    raw = raw.strip()
    if name.endswith("_date"):
        return _date(raw, name)
    return raw


def _date(raw, name):
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        from borderdesk.apps.common.errors import Invalid

        raise Invalid(
            f"{name.replace('_', ' ')}: {raw!r} is not a date (YYYY-MM-DD).", code="invalid_date", field=name
        ) from None


@login_required
@refuses_without(Perm.DOCUMENTS_REGISTER_IMPORT)
def register_page(request):
    context = {
        "current": services.RegisterVersion.objects.filter(is_current=True).first(),
        # --- #19 chip: the trust store's page, reached from here (the administrators' bar is full) ---
        "can_manage_trust": request.user.can(Perm.ADMIN_TRUST_MANAGE),
    }
    if request.method == "POST":
        upload = request.FILES.get("register")
        if upload is None:
            context["error"] = "Choose a CSV file first."
        else:
            try:
                outcome = services.import_lost_stolen(request.user, upload.read(), source_name=upload.name)
                context["outcome"] = outcome
                context["current"] = outcome.version
            except services.RegisterRejected as exc:
                context["rejected"] = exc
            except BorderdeskError as exc:
                context["error"] = exc.message
    return render(request, "travel_documents/register.html", context)


# --- #19 chip: the trust store ---


@login_required
@refuses_without(Perm.ADMIN_TRUST_MANAGE)
def trust_page(request):
    context: dict = {}
    if request.method == "POST":
        uploads = request.FILES.getlist("files")
        try:
            context["outcome"] = trust_store.import_trust_files(request.user, [(f.name, f.read()) for f in uploads])
        except BorderdeskError as exc:
            context["error"] = exc
    context["rows"] = trust_store.trust_listing(request.user)
    return render(request, "travel_documents/trust.html", context, status=_status(context))


@login_required
@require_POST
@refuses_without(Perm.ADMIN_TRUST_MANAGE)
def trust_remove(request, pk: int):
    trust_store.remove_trusted(request.user, pk)
    return redirect("documents:trust")


def _status(context: dict) -> int:
    return context["error"].status if "error" in context else 200
