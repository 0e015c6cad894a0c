"""The import in the admin: upload → dry-run report → confirm; superusers only."""

import csv
import io

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from content_models.credit.models import CreditListEntry, SocialOrganisation
from tests.content_models.credit_factories import bad_code, valid_code

from .test_import_records import HEADER, credit_row

CODE = valid_code(1, "书法")


def upload(client, rows, **data):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    file = SimpleUploadedFile("名录.csv", buffer.getvalue().encode("gb18030"))
    return client.post(
        reverse("import_records:upload"),
        {"kind": "credit-list", "file": file, **data},
    )


def test_upload_shows_dry_run_report_then_confirm_imports(admin_client, agency):
    response = upload(admin_client, [HEADER, credit_row(CODE)])
    assert response.status_code == 200
    assert "试运行" in response.content.decode()
    assert SocialOrganisation.objects.count() == 0  # the dry run wrote nothing
    token = response.context["token"]
    response = admin_client.post(reverse("import_records:confirm", args=[token]))
    assert response.status_code == 200
    assert response.context["report"].created == 1
    entry = CreditListEntry.objects.get()
    assert not entry.live
    # The stored upload is used once.
    again = admin_client.post(reverse("import_records:confirm", args=[token]))
    assert again.status_code == 404


def test_report_lists_row_column_and_problem_without_confirm(admin_client, agency):
    response = upload(admin_client, [HEADER, credit_row(bad_code(1, "x"))])
    page = response.content.decode()
    assert "统一社会信用代码" in page and "校验码" in page
    assert not response.context["can_confirm"]
    assert "确认导入" not in page


def test_templates_download(admin_client):
    page = admin_client.get(reverse("import_records:upload")).content.decode()
    assert reverse("import_records:template", args=["charity", "xlsx"]) in page
    response = admin_client.get(
        reverse("import_records:template", args=["credit-list", "csv"])
    )
    assert response.content.startswith("\ufeff统一社会信用代码".encode())


def test_non_superuser_is_denied(client, django_user_model, agency):
    user = django_user_model.objects.create_user("clerk", password="pw")  # noqa: S106
    user.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    client.force_login(user)
    home = reverse("wagtailadmin_home")
    # Wagtail turns PermissionDenied in admin views into a redirect with a message.
    assert client.get(reverse("import_records:upload")).url == home
    assert upload(client, [HEADER, credit_row(CODE)]).url == home
    assert SocialOrganisation.objects.count() == 0
    template = reverse("import_records:template", args=["charity", "csv"])
    assert client.get(template).url == home
    menu = client.get(home).content.decode()
    assert "导入登记数据" not in menu


@pytest.mark.parametrize("name", ["名录.txt"])
def test_other_file_types_are_refused(admin_client, name):
    file = SimpleUploadedFile(name, b"x")
    response = admin_client.post(
        reverse("import_records:upload"), {"kind": "credit-list", "file": file}
    )
    assert "只能上传CSV或XLSX文件" in response.content.decode()


def test_superuser_sees_the_menu_item(admin_client):
    page = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("import_records:upload") in page


def test_a_confirmed_import_links_to_each_draft_it_wrote(admin_client, agency):
    other = valid_code(1, "摄影")
    rows = [HEADER, credit_row(CODE), credit_row(other, name="清源区摄影家协会")]
    token = upload(admin_client, rows).context["token"]
    page = admin_client.post(reverse("import_records:confirm", args=[token]))
    html = page.content.decode()
    entries = CreditListEntry.objects.all()
    assert len(entries) == 2
    for entry in entries:
        url = reverse("wagtailsnippets_credit_creditlistentry:edit", args=[entry.pk])
        assert f'href="{url}"' in html
        assert admin_client.get(url).status_code == 200


def test_a_dry_run_links_to_nothing(admin_client, agency):
    page = upload(admin_client, [HEADER, credit_row(CODE)])
    assert page.context["report"].drafts == []
    assert "新建或更新的草稿" not in page.content.decode()
