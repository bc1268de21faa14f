"""What every curated model's admin shares: publishing, with the permission enforced on the server."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR, IncorrectLookupParameters
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect, QueryDict
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext, gettext_lazy, ngettext

from kernel import services, translation_sheets
from kernel.changelists import ScaledListAdmin
from kernel.concurrency import etag_for, is_stale
from kernel.dates import zone_label
from kernel.history import HistoryAdmin
from kernel.markdown import MarkdownField
from kernel.publishing import PublicationState
from kernel.services import PUBLISHING_FIELDS
from kernel.translation import (
    Made,
    Translatable,
    languages,
    missing,
    provenance_field_name,
    translated_fields,
    translation_columns,
)


class MarkdownWidget(AdminTextareaWidget):
    """A Markdown field's textarea with a live preview beside it.

    The preview is the page's own rendering: static/js/markdown-preview.js sends the text to
    `kernel.views.markdown_preview`, which renders it with `kernel.markdown.render`. Without
    JavaScript the textarea works as ever and the preview stays hidden.
    """

    template_name = "kernel/widgets/markdown.html"

    class Media:
        css = {"all": ["css/markdown-preview.css"]}
        js = ["js/markdown-preview.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["preview_url"] = reverse("markdown_preview")
        return context


# -- a record's languages side by side --------------------------------------------------------------


def language_name(code):
    """The language's name in the interface's language ("French" in English, "francés" in Spanish)."""
    return get_language_info(code)["name_translated"]


def is_translatable(model):
    return issubclass(model, Translatable) and bool(translated_fields(model))


def translation_field_names(model):
    """Every column the translation fieldsets show: the translations and how each was made."""
    return {*translation_columns(model), *(provenance_field_name(code) for code in languages())}


def without_translations(fieldsets, model):
    """The fieldsets with every translation column taken out (a line of several fields keeps the rest;
    a fieldset left empty goes)."""
    hidden = translation_field_names(model)
    hidden |= {english_reference_name(name) for name in translated_fields(model)}
    kept = []
    for name, options in fieldsets:
        lines = []
        for line in options.get("fields", ()):
            if isinstance(line, list | tuple):
                line = tuple(field for field in line if field not in hidden)
                if line:
                    lines.append(line if len(line) > 1 else line[0])
            elif line not in hidden:
                lines.append(line)
        if lines:
            kept.append((name, {**options, "fields": lines}))
    return kept


def english_reference_name(field_name):
    return f"english_{field_name}"


def english_reference(model, field_name):
    """A read-only display of a field's English text, the column the translators work from."""

    def show(record):
        text = getattr(record, field_name, "") or ""
        return linebreaksbr(text) if text else "—"

    show.short_description = capfirst(model._meta.get_field(field_name).verbose_name)
    return show


def translation_fieldsets(model):
    """The record's languages side by side: a column of English text (read only, the source), then a
    column per language with how its text was made and its text fields (`admin-extra/css/admin.css`
    lays the fieldsets with the class `translation-column` out as columns)."""
    names = translated_fields(model)
    fieldsets = [
        (
            gettext_lazy("English (the source)"),
            {"fields": [english_reference_name(name) for name in names], "classes": ["translation-column"]},
        )
    ]
    for code in languages():
        fieldsets.append(
            (
                language_name(code),
                {
                    "fields": [provenance_field_name(code), *(f"{name}_{code}" for name in names)],
                    "classes": ["translation-column", f"translation-{code}"],
                },
            )
        )
    return fieldsets


def translation_formfield(db_field, field):
    """A translation's form field: marked with its language (`lang`), so spellcheck and screen readers
    read it in that language; the provenance select says what it is."""
    if field is None:
        return field
    language = getattr(db_field, "translation_language", None)
    if language:
        field.widget.attrs["lang"] = language
        field.label = f"{capfirst(field.label)} ({language_name(language)})"
    elif db_field.name in {provenance_field_name(code): code for code in languages()}:
        code = db_field.name.removesuffix("_translation")
        field.label = gettext("How the %(language)s text was made") % {"language": language_name(code)}
    return field


class MissingTranslationFilter(admin.SimpleListFilter):
    """Records with English text but none in a language in some field; or machine-made and not
    reviewed (kernel.translation.missing)."""

    title = gettext_lazy("missing a translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        choices = [(code, language_name(code)) for code in languages()]
        unreviewed = gettext("Machine-made, not reviewed (%(language)s)")
        choices += [
            (f"{code}-machine", unreviewed % {"language": language_name(code)}) for code in languages()
        ]
        return choices

    def queryset(self, request, queryset):
        value = self.value() or ""
        code, _sep, kind = value.partition("-")
        if code not in languages():
            return queryset
        if kind == "machine":
            return queryset.filter(**{provenance_field_name(code): Made.MACHINE})
        return queryset.filter(missing(queryset.model, code))


class TranslatedAdmin(ScaledListAdmin):
    """The admin of a translatable model (kernel.translation): its change form shows the record's
    languages side by side, each translation input carries its `lang`, and its list filters by
    "missing a translation". A model that is not translatable is left as it is."""

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if is_translatable(model):
            for name in translated_fields(model):
                setattr(self, english_reference_name(name), english_reference(model, name))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not is_translatable(self.model):
            return fieldsets
        return [*without_translations(fieldsets, self.model), *translation_fieldsets(self.model)]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if is_translatable(self.model):
            fields += [english_reference_name(name) for name in translated_fields(self.model)]
        return fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, MarkdownField):
            kwargs.setdefault("widget", MarkdownWidget)
        return translation_formfield(db_field, super().formfield_for_dbfield(db_field, request, **kwargs))

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if is_translatable(self.model):
            filters.append(MissingTranslationFilter)
        return filters

    # -- the round trip through a spreadsheet (kernel/translation_sheets.py) --

    def may_translate(self, request):
        return is_translatable(self.model) and self.has_change_permission(request)

    def translation_url(self, name=""):
        suffix = f"_{name}" if name else ""
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_translations{suffix}")

    def get_urls(self):
        urls = super().get_urls()
        if not is_translatable(self.model):
            return urls
        prefix = f"{self.opts.app_label}_{self.opts.model_name}_translations"
        views = [
            ("translations/", self.translations_view, prefix),
            ("translations/export/", self.translations_export_view, f"{prefix}_export"),
            ("translations/import/", self.translations_import_view, f"{prefix}_import"),
            ("translations/confirm/", self.translations_confirm_view, f"{prefix}_confirm"),
        ]
        return [
            path(route, self.admin_site.admin_view(view), name=name) for route, view, name in views
        ] + urls

    def get_actions(self, request):
        actions = super().get_actions(request)
        if actions is not None and self.may_translate(request) and IS_POPUP_VAR not in request.GET:
            description = gettext_lazy("Translate selected %(verbose_name_plural)s through a spreadsheet")
            actions["translate_selected"] = (type(self).translate_selected, "translate_selected", description)
        return actions

    def changelist_view(self, request, extra_context=None):
        if self.may_translate(request):
            extra_context = {**(extra_context or {}), "translations_url": self.translation_url()}
        return super().changelist_view(request, extra_context)

    def translate_selected(self, request, queryset):
        return self.translations_page(request, ids=list(queryset.values_list("pk", flat=True)))

    def translations_page(self, request, *, ids=(), filters="", problems=(), changes=None, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Translate %(records)s through a spreadsheet")
            % {"records": self.opts.verbose_name_plural},
            "languages": [(code, language_name(code)) for code in languages()],
            "made_choices": Made.choices,
            "ids": ids,
            "filters": filters,
            "problems": problems,
            "changes": changes,
            "export_url": self.translation_url("export"),
            "import_url": self.translation_url("import"),
            "confirm_url": self.translation_url("confirm"),
            "changelist_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"),
            "key_field": translation_sheets.key_field(self.model),
            **context,
        }
        return TemplateResponse(request, "admin/translations.html", context)

    def translation_queryset(self, request, ids, filters):
        """The selected records, or those of the changelist as filtered when the page was opened."""
        if ids:
            return self.get_queryset(request).filter(pk__in=ids)
        original = request.GET
        request.GET = QueryDict(filters)
        try:
            return self.get_changelist_instance(request).queryset
        except IncorrectLookupParameters as error:
            raise translation_sheets.SheetProblems([gettext("The list's filters are not valid.")]) from error
        finally:
            request.GET = original

    def translations_view(self, request):
        if not self.may_translate(request):
            raise PermissionDenied
        return self.translations_page(request, filters=request.GET.get("_changelist_filters", ""))

    def translations_export_view(self, request):
        if not self.may_translate(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        ids = [value for value in request.POST.getlist("ids") if value.isdigit()]
        filters = request.POST.get("filters", "")
        language = request.POST.get("language", "")
        try:
            queryset = self.translation_queryset(request, ids, filters)
            content = translation_sheets.export(queryset, language)
        except translation_sheets.SheetProblems as error:
            return self.translations_page(request, ids=ids, filters=filters, problems=error.problems)
        response = HttpResponse(content, content_type=translation_sheets.XLSX_CONTENT_TYPE)
        name = f"{self.opts.model_name}-translations-{language}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def translations_import_view(self, request):
        """The upload's changes, each with its old and new text; nothing is written until confirmed."""
        if not self.may_translate(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        upload = request.FILES.get("file")
        language = request.POST.get("language", "")
        try:
            if upload is None:
                raise translation_sheets.SheetProblems([gettext("Choose the file to upload.")])
            if upload.size > settings.UPLOAD_MAX_BYTES:
                raise translation_sheets.SheetProblems(
                    [f"The file is larger than the limit of {settings.UPLOAD_MAX_BYTES:,} bytes."]
                )
            changes = translation_sheets.read_changes(
                self.model, language, upload.read(), self.get_queryset(request)
            )
        except translation_sheets.SheetProblems as error:
            return self.translations_page(request, problems=error.problems)
        return self.translations_page(
            request,
            changes=changes,
            language=language,
            language_name=language_name(language),
            token=translation_sheets.sign(self.model, language, changes),
            file_name=upload.name,
        )

    def translations_confirm_view(self, request):
        if not self.may_translate(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        made = request.POST.get("made", "")
        try:
            if made not in Made.values:
                raise translation_sheets.SheetProblems([gettext("Choose how the translations were made.")])
            language, changes = translation_sheets.unsign(self.model, request.POST.get("token", ""))
            changed = translation_sheets.apply(self.model, language, changes, user=request.user, made=made)
        except translation_sheets.SheetProblems as error:
            return self.translations_page(request, problems=error.problems)
        for record in changed:
            self.log_change(request, record, f"Translations ({language}) imported from a spreadsheet")
        count = len(changed)
        self.message_user(
            request,
            ngettext(
                "Translations imported: %(count)d record changed.",
                "Translations imported: %(count)d records changed.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))


class TranslatedInline:
    """An inline of translatable rows (speakers, results…): their translations in a collapsed
    fieldset under each row, one line per language. Mix into a StackedInline."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not is_translatable(self.model):
            return fieldsets
        names = translated_fields(self.model)
        lines = [(provenance_field_name(code), *(f"{name}_{code}" for name in names)) for code in languages()]
        translations = (
            gettext_lazy("Translations"),
            {"fields": lines, "classes": ["collapse", "translation-lines"]},
        )
        return [*without_translations(fieldsets, self.model), translations]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, MarkdownField):
            kwargs.setdefault("widget", MarkdownWidget)
        return translation_formfield(db_field, super().formfield_for_dbfield(db_field, request, **kwargs))


class VersionCheckedForm(forms.ModelForm):
    """Carries the version the editor opened; a save over a newer version is refused.

    The same version (`kernel.concurrency`) is the API's ETag, so an admin save and an API
    write can never overwrite each other silently either.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["version"].initial = etag_for(self.instance)

    def clean(self):
        cleaned = super().clean()
        # `self.instance` is the record as stored now: the admin loads it afresh for every POST.
        if self.instance.pk is not None and is_stale(self.instance, cleaned.get("version")):
            raise ValidationError(self.stale_message(), code="stale")
        return cleaned

    def stale_message(self):
        latest = self.instance.history.select_related("history_user").first()
        who = ""
        if latest is not None:
            when = timezone.localtime(latest.history_date).strftime("%d %b %Y %H:%M")
            who = f" ({latest.history_user or 'someone'}, {when})"
        return (
            f"This record was changed by someone else after you opened it{who}. Your changes were "
            "not saved, so theirs are kept. Reload the page to see the current version, then make "
            "your changes again."
        )


class VersionCheckedAdmin(TranslatedAdmin, HistoryAdmin):
    """Refuses a stale save: the second of two editors who opened the same record.

    A POST locks the record's row for the rest of its transaction (the admin saves in one), so the
    version check and the save see the same version: of several saves of one version sent at the
    same moment, exactly one wins and the others are told someone else changed it. (On SQLite every
    write transaction takes the database's write lock when it begins, which serializes them too.)
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, MarkdownField):
            kwargs.setdefault("widget", MarkdownWidget)
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.TextField) and field is not None and field.max_length is None:
            # Long text has a bound, as in the API (TEXT_MAX_CHARS).
            field.max_length = settings.TEXT_MAX_CHARS
            field.validators.append(MaxLengthValidator(settings.TEXT_MAX_CHARS))
            field.widget.attrs["maxlength"] = str(settings.TEXT_MAX_CHARS)
        return field

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None or request.method != "POST" or not transaction.get_connection().in_atomic_block:
            return obj
        # Lock the row (on its own: the admin's queryset may group, and FOR UPDATE cannot), then
        # read the record again, as it is now that no one else can change it until this commits.
        type(obj)._base_manager.select_for_update().filter(pk=obj.pk).values_list("pk").first()
        return super().get_object(request, object_id, from_field)

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None and not issubclass(self.form, VersionCheckedForm):
            kwargs["form"] = type(f"VersionChecked{self.form.__name__}", (VersionCheckedForm, self.form), {})
        form = super().get_form(request, obj, **kwargs)
        for field in form.base_fields.values():
            if isinstance(field, forms.DateTimeField | forms.SplitDateTimeField):
                field.help_text = format_html(
                    "{}{}", field.help_text, self.time_zone_note(request, obj, field)
                )
        return form

    def time_zone_note(self, request, obj, field):
        """What a date and time on the form says of its time zone: the one it is read in (the site's,
        UTC, unless an admin reads it in the record's own)."""
        return format_html('<span class="timezone-note">Time zone: {}</span>', zone_label())

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "version"]}), *rest]


class PublicationFilter(admin.SimpleListFilter):
    """Draft, scheduled (published for a time still to come) or published."""

    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return PublicationState.choices

    def queryset(self, request, queryset):
        selected = {
            PublicationState.DRAFT: queryset.drafts,
            PublicationState.SCHEDULED: queryset.scheduled,
            PublicationState.PUBLISHED: queryset.published,
        }.get(self.value())
        return selected() if selected else queryset


class PublishableAdmin(VersionCheckedAdmin):
    """Editors may add and change records; only holders of `publish_<model>` may publish them.

    Without the permission the publishing fields are read-only (so a forged POST cannot change
    them) and the publish actions are hidden; the save itself goes through `kernel.services`, which
    refuses a change of state as a last line of defence. "Published" with no time means now; a time
    still to come schedules the publication, and the list shows and filters scheduled records as such.
    Every change, publishing included, is kept in the record's history.
    """

    actions = ["publish", "unpublish"]
    list_per_page = 50
    show_full_result_count = False
    readonly_fields = ("created_at", "updated_at")
    publishing_fieldset = ("Publishing", {"fields": (*PUBLISHING_FIELDS, "source", "source_note")})

    def add_view(self, request, form_url="", extra_context=None):
        if request.method == "GET" and IS_POPUP_VAR in request.GET:
            # A "+" beside a relation makes a record from inside another's form: say what it will be.
            noun = self.model._meta.verbose_name
            if self.has_publish_permission(request):
                state = "It starts as a draft unless you set “Published” below"
            else:
                state = "It starts as a draft; a Publisher publishes it"
            messages.info(
                request,
                f"{state}. A draft {noun} is not shown to the public, nor named on the pages of the "
                "published records that link to it, until it is published.",
            )
        return super().add_view(request, form_url, extra_context)

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(self.model.publish_permission())

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request, obj):
            fields += [name for name in PUBLISHING_FIELDS if name not in fields]
        return fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "published_at" and field is not None:
            field.help_text = (
                "Left empty, “Published” means now. A time still to come schedules the publication: "
                "the public sees the record from then on."
            )
        return field

    def get_list_display(self, request):
        # One column for the state and its time, so that it fits beside the rest at 1280 px.
        return [*super().get_list_display(request), "publication"]

    def get_list_filter(self, request):
        return [PublicationFilter, *super().get_list_filter(request)]

    @admin.display(description="publication", ordering="published_at")
    def publication(self, obj):
        """ "Draft", "Scheduled for 3 Dec 2026 09:00 UTC", "Published 1 May 2017"."""
        state = obj.publication_state
        if state == PublicationState.SCHEDULED:
            when = timezone.localtime(obj.published_at)
            return f"{state.label} for {date_format(when, 'j M Y H:i')} {when.tzname()}"
        if state == PublicationState.PUBLISHED and obj.published_at is not None:
            return f"{state.label} {date_format(timezone.localtime(obj.published_at), 'j M Y')}"
        return state.label

    def save_model(self, request, obj, form, change):
        # Raises PermissionDenied for a change of publishing state without the permission.
        services.save_record(obj, user=request.user)

    @admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["publish"])
    def publish(self, request, queryset):
        count = len(services.publish(queryset, user=request.user))
        self.message_user(
            request,
            ngettext("Published %d record.", "Published %d records.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description="Unpublish selected %(verbose_name_plural)s", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = len(services.unpublish(queryset, user=request.user))
        self.message_user(
            request,
            ngettext("Unpublished %d record.", "Unpublished %d records.", count) % count,
            messages.SUCCESS,
        )
