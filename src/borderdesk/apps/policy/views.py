"""Pages: rule packs and their review for policy authors, the refusal grounds and a stay calculator for every
officer, the visa matrix import for administrators. Views stay thin: every step is a service call."""

from __future__ import annotations

import difflib
import re
from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from borderdesk.apps.common.errors import BorderdeskError, Invalid
from borderdesk.apps.common.views import refuses_without
from borderdesk.apps.policy import services
from borderdesk.apps.policy.models import PackStatus, VisaMatrixVersion
from borderdesk.core.access import Perm

FILE_FIELD = "file:"


@login_required
@refuses_without(Perm.POLICY_RULE_EDIT)
def packs_page(request):
    context = {}
    if request.method == "POST":
        try:
            draft = services.create_draft(request.user, request.POST.get("pack_id", ""))
            return redirect("policy:version", pk=draft.pk)
        except BorderdeskError as exc:
            context["error"] = exc
    services.packs_in_force()
    grouped = services.versions_by_pack()
    today = timezone.localdate()
    in_force = {}
    for pack_id in grouped:
        try:
            in_force[pack_id] = services.pack_in_force(today, pack_id).version_id
        except BorderdeskError:
            in_force[pack_id] = None
    context["packs"] = [(pack_id, versions, in_force.get(pack_id)) for pack_id, versions in grouped.items()]
    return render(request, "policy/packs.html", context)


def _version_context(request, version, **extra) -> dict:
    user = request.user
    is_author = version.authored_by_id == user.pk
    diff = []
    if version.based_on_id:
        base = version.based_on.files
        for name in sorted(set(base) | set(version.files)):
            lines = list(
                difflib.unified_diff(
                    base.get(name, "").splitlines(),
                    version.files.get(name, "").splitlines(),
                    f"v{version.based_on.number}/{name}",
                    f"v{version.number}/{name}",
                    n=2,
                    lineterm="",
                )
            )
            if lines:
                diff.append((name, "\n".join(lines)))
    files = extra.pop("files", None) or version.files
    return {
        "version": version,
        "files": sorted(files.items(), key=lambda item: (item[0] != "pack.yaml", item[0])),
        "diff": diff,
        "is_author": is_author,
        "can_edit": version.status == PackStatus.DRAFT and is_author and user.can(Perm.POLICY_RULE_EDIT),
        "can_review": version.status == PackStatus.IN_REVIEW and not is_author and user.can(Perm.POLICY_RULE_REVIEW),
        "can_publish": version.status == PackStatus.APPROVED and user.can(Perm.POLICY_RULE_PUBLISH),
        "can_withdraw": version.status == PackStatus.PUBLISHED and user.can(Perm.POLICY_RULE_PUBLISH),
        "today": timezone.localdate(),
        "issues": version.issues,
        **extra,
    }


@login_required
@refuses_without(Perm.POLICY_RULE_EDIT)
def version_page(request, pk):
    version = services.get_version(request.user, pk)
    return render(request, "policy/version.html", _version_context(request, version))


def _action(request, pk, do, message):
    version = services.get_version(request.user, pk)
    try:
        do(version)
    except services.PackInvalid as exc:
        version.refresh_from_db()
        return render(
            request,
            "policy/version.html",
            _version_context(request, version, error=exc, issues=exc.issues),
            status=exc.status,
        )
    except BorderdeskError as exc:
        version.refresh_from_db()
        return render(request, "policy/version.html", _version_context(request, version, error=exc), status=exc.status)
    from django.contrib import messages

    messages.success(request, message)
    return redirect("policy:version", pk=pk)


@login_required
@require_POST
@refuses_without(Perm.POLICY_RULE_EDIT)
def version_save(request, pk):
    version = services.get_version(request.user, pk)
    files = {key[len(FILE_FIELD) :]: value for key, value in request.POST.items() if key.startswith(FILE_FIELD)}
    new_name = request.POST.get("new_file_name", "").strip()
    if new_name:
        files[new_name] = request.POST.get("new_file_text", "")
    try:
        saved = services.update_draft(request.user, version, files)
    except BorderdeskError as exc:
        return render(
            request,
            "policy/version.html",
            _version_context(request, version, error=exc, files=files),
            status=exc.status,
        )
    return render(request, "policy/version.html", _version_context(request, saved.draft, saved=True))


@login_required
@require_POST
@refuses_without(Perm.POLICY_RULE_EDIT)
def version_submit(request, pk):
    return _action(request, pk, lambda v: services.submit_for_review(request.user, v), "Submitted for review.")


@login_required
@require_POST
@refuses_without(Perm.POLICY_RULE_REVIEW)
def version_review(request, pk):
    approve = request.POST.get("decision") == "approve"
    return _action(
        request,
        pk,
        lambda v: services.review(request.user, v, approve, request.POST.get("comment", "")),
        "Approved: it may now be published." if approve else "Sent back to the author.",
    )


@login_required
@require_POST
@refuses_without(Perm.POLICY_RULE_PUBLISH)
def version_publish(request, pk):
    def do(version):
        services.publish(request.user, version, _date(request.POST.get("effective_from", ""), "effective_from"))

    return _action(request, pk, do, "Published.")


@login_required
@require_POST
@refuses_without(Perm.POLICY_RULE_PUBLISH)
def version_withdraw(request, pk):
    return _action(
        request,
        pk,
        lambda v: services.withdraw(request.user, v, request.POST.get("comment", "")),
        "Withdrawn: the previous version applies again.",
    )


@login_required
@require_POST
@refuses_without(Perm.POLICY_RULE_EDIT)
def version_simulate(request, pk):
    version = services.get_version(request.user, pk)
    try:
        days = int(request.POST.get("days") or 30)
        report = services.simulate(request.user, version, days=days)
    except ValueError:
        return render(
            request, "policy/_simulation.html", {"error": Invalid("Days must be a whole number.", code="invalid_days")}
        )
    except BorderdeskError as exc:
        return render(request, "policy/_simulation.html", {"error": exc})
    return render(request, "policy/_simulation.html", {"report": report})


def _date(raw: str, name: str) -> date:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise Invalid(
            f"{name.replace('_', ' ')}: {raw!r} is not a date (YYYY-MM-DD).", code="invalid_date", field=name
        ) from None


@login_required
def grounds_page(request):
    context = {"on": timezone.localdate(), "pack_ids": services.packs_in_force().pack_ids()}
    pack_id = request.GET.get("pack") or None
    try:
        if request.GET.get("on"):
            context["on"] = _date(request.GET["on"], "on")
        published = services.pack_in_force(context["on"], pack_id)
        context.update(published=published, grounds=services.refusal_grounds(context["on"], pack_id))
    except BorderdeskError as exc:
        context["error"] = exc
    context["pack_id"] = pack_id or services.default_pack_id(None)
    return render(request, "policy/grounds.html", context)


@login_required
@refuses_without(Perm.RULES_STAY_CALCULATE)
def stay_page(request):
    today = timezone.localdate()
    return render(request, "policy/stay.html", {"today": today, "rule": _stay_rule(today)})


def _stay_rule(on: date) -> dict | None:
    try:
        return services.stay_rule_in_force(on)
    except BorderdeskError:  # no pack in force that day: the officer gives the limit
        return None


def _stays(text: str) -> list[dict]:
    stays = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part for part in re.split(r"[\s,;]+|\bto\b", line.strip()) if part]
        if not 1 <= len(parts) <= 2:
            raise Invalid(
                f"line {number}: write the entry date and, if they left, the exit date (YYYY-MM-DD YYYY-MM-DD).",
                code="malformed_input",
                field="stays",
            )
        stays.append({"entry": parts[0], "exit": parts[1] if len(parts) == 2 else None})
    return stays


@login_required
@require_POST
@refuses_without(Perm.RULES_STAY_CALCULATE)
def stay_result(request):
    form = request.POST
    try:
        data = {"stays": _stays(form.get("stays", "")), "on": form.get("on", "").strip() or None}
        if form.get("entry_on", "").strip():
            data["entry_on"] = form["entry_on"].strip()
        rule = _stay_rule(_date(data["on"], "on") if data["on"] else timezone.localdate())
        for name in ("limit", "window"):
            if form.get(name, "").strip():
                try:
                    data[name] = int(form[name])
                except ValueError:
                    raise Invalid(f"{name} must be a whole number of days.", code="invalid_limit", field=name) from None
            elif rule is not None:  # blank: the rules in force on the day asked about
                data[name] = rule[name]
        result = services.stay_calc(request.user, data)
    except BorderdeskError as exc:
        return render(request, "policy/_stay_result.html", {"error": exc})
    by_rule = rule is not None and (data.get("limit"), data.get("window")) == (rule["limit"], rule["window"])
    return render(
        request,
        "policy/_stay_result.html",
        {
            "result": result,
            "limit": data.get("limit", 90),
            "window": data.get("window", 180),
            "rule": rule if by_rule else None,
        },
    )


@login_required
@refuses_without(Perm.ADMIN_REFERENCE_MANAGE)
def visa_matrix_page(request):
    context = {"current": VisaMatrixVersion.objects.filter(is_current=True).defer("content").first()}
    if request.method == "POST":
        upload = request.FILES.get("matrix")
        if upload is None:
            context["error"] = "Choose a CSV file first."
        else:
            try:
                outcome = services.import_visa_matrix(request.user, upload.read(), upload.name)
                context["outcome"] = outcome
                context["current"] = outcome.version
            except services.VisaMatrixRejected as exc:
                context["rejected"] = exc
            except BorderdeskError as exc:
                context["error"] = exc.message
    return render(request, "policy/visa_matrix.html", context)
