"""Files that cannot be written: a full disk while an open-data release is cut, an
unwritable media folder while an editor uploads. The person is told, and nothing is
left half-written (no release listed, no document row pointing at no file)."""

import errno
import hashlib

from django.contrib.auth.models import Group, Permission
from django.core.files.storage import FileSystemStorage, storages
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model

import pytest

from opendata.models import Release

RELEASES = "/admin/opendata/releases/"


@pytest.fixture
def release_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "opendata": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "opendata"},
        },
    }
    return storages["opendata"]


@pytest.fixture
def publisher(django_user_model):
    user = django_user_model.objects.create_user(username="publisher", password="pw")
    group = Group.objects.create(name="publishers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_release"),
    )
    user.groups.add(group)
    return user


def fill_disk_after(monkeypatch, files):
    """The storage accepts ``files`` more files, then the disk is full."""
    real = FileSystemStorage._save
    left = [files]

    def save(self, name, content):
        if left[0] == 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        left[0] -= 1
        return real(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", save)


def test_a_full_disk_while_cutting_a_release_lists_nothing_and_keeps_the_last(
    client, world, publisher, release_storage, monkeypatch
):
    client.force_login(publisher)
    assert client.post(RELEASES, {"note": "上一版"}).status_code == 302
    previous = Release.objects.get()
    before = {item.path: item.sha256 for item in previous.files.all()}
    monkeypatch.setattr(
        "opendata.releases.on_demand_label", lambda now: "2099-01-01-000000"
    )
    fill_disk_after(monkeypatch, 5)

    response = client.post(RELEASES, {"note": "磁盘满"})
    monkeypatch.undo()

    assert response.status_code == 200  # the form again, with the reason
    assert "未生成" in response.content.decode()
    assert list(Release.objects.all()) == [previous]
    _dirs, partial = release_storage.listdir("releases/2099-01-01-000000")
    assert partial == []  # the files written before the disk filled are gone
    for path, sha256 in before.items():
        with release_storage.open(path) as kept:
            assert hashlib.sha256(kept.read()).hexdigest() == sha256
    # The public list of releases shows only the one that exists.
    catalogue = client.get("/opendata/catalog.jsonld").content.decode()
    assert "2099-01-01-000000" not in catalogue


def test_an_unwritable_media_folder_refuses_the_upload_honestly(
    client, django_user_model, settings, tmp_path, monkeypatch
):
    admin = django_user_model.objects.create_superuser("admin", password="pw")
    client.force_login(admin)
    client.raise_request_exception = False

    def refuse(self, name, content):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(FileSystemStorage, "_save", refuse)
    upload = SimpleUploadedFile("年报.csv", "名称,金额\n清源,1\n".encode(), "text/csv")
    response = client.post(
        "/admin/documents/add/", {"title": "年报", "file": upload, "collection": 1}
    )
    monkeypatch.undo()

    assert response.status_code >= 400  # an error, never a success redirect
    assert not get_document_model().objects.exists()
    assert not (tmp_path / "media").exists() or not any(
        (tmp_path / "media").rglob("*.csv")
    )
