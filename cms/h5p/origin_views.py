"""What the H5P origin serves (cms.h5p.origin): player files, approved libraries, and content by token.

The player is h5p-standalone from npm (node_modules/h5p-standalone/dist) plus our start-up script
(cms/h5p/player). Approved library versions are public code, served without a token at the paths
the player asks for (``libraries/Machine.Name-MAJOR.MINOR/...``: the highest approved patch, as H5P
core serves it) so that a browser caches them across activities. Content (h5p.json, content.json in
the token's language, media) needs a token (cms.h5p.tokens) and is never served for a draft.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from cms.core.security_headers import HEADER, policy_header
from cms.h5p.models import Content, Library
from cms.h5p.origin import H5P_CSP
from cms.h5p.package import LibraryRef
from cms.h5p.storage import content_folder, library_folder
from cms.h5p.tokens import read_player_token
from cms.h5p.translation import parameters_in

OUR_PLAYER_FILES = Path(__file__).resolve().parent / "player"
STANDALONE_FILES = Path(settings.BASE_DIR) / "node_modules" / "h5p-standalone" / "dist"
PUBLIC_SECONDS = 24 * 60 * 60
# For content of the "iframe" embed type, H5P core (h5p-standalone's frame bundle) writes one fixed
# inline script into its inner frame: "H5PIntegration = window.parent.H5PIntegration; var H5P = H5P
# || {}; H5P.externalEmbed = false;". The CSP allows exactly that script by its hash.
H5P_CORE_INLINE_SCRIPT_HASHES = ["'sha256-8CniZYrnO46q7MvZ3m08Wom1HH/ZhyXmm29kBKTV1rk='"]
_TYPES = {".js": "text/javascript", ".json": "application/json", ".css": "text/css", ".svg": "image/svg+xml"}


def _file_response(folder: Path, name: str, *, public: bool) -> FileResponse:
    """``folder/name`` as a response, refusing any name that could leave ``folder``."""
    parts = name.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        raise Http404
    path = folder.joinpath(*parts)
    if not path.is_file() or path.is_symlink() or not path.resolve().is_relative_to(folder.resolve()):
        raise Http404
    content_type = _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    response = FileResponse(path.open("rb"), content_type=content_type)
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_SECONDS)
    else:
        patch_cache_control(response, private=True, max_age=settings.H5P_TOKEN_SECONDS)
    return response


@require_safe
def player_file(request, name):
    for folder in (OUR_PLAYER_FILES, STANDALONE_FILES):
        try:
            return _file_response(folder, name, public=True)
        except Http404:
            continue
    raise Http404


@require_safe
def library_file(request, folder, name):
    machine_name, version = folder.rsplit("-", 1)
    major, minor = (int(number) for number in version.split("."))
    library = (
        Library.objects.filter(machine_name=machine_name, major_version=major, minor_version=minor)
        .exclude(approved_at=None)
        .order_by("-patch_version")
        .first()
    )
    if library is None:
        raise Http404
    return _file_response(library_folder(library), name, public=True)


def _granted_content(token):
    """The playable content and grant of ``token``; 404 for a bad token or a draft."""
    grant = read_player_token(token)
    content = grant and Content.objects.playable().filter(pk=grant.content_id).first()
    if not content:
        raise Http404
    return content, grant


def _private_json(data) -> JsonResponse:
    response = JsonResponse(data, safe=False)
    patch_cache_control(response, private=True, max_age=settings.H5P_TOKEN_SECONDS)
    return response


@require_safe
def h5p_json(request, token):
    """h5p.json listing every library the content needs, computed on upload (exports list too few)."""
    content, _ = _granted_content(token)
    dependencies = [
        LibraryRef(library.machine_name, library.major_version, library.minor_version).as_dependency()
        for library in content.libraries.all()
    ]
    return _private_json({**content.h5p_json, "preloadedDependencies": dependencies})


@require_safe
def content_json(request, token):
    content, grant = _granted_content(token)
    return _private_json(parameters_in(content, grant.language))


@require_safe
def content_file(request, token, name):
    content, _ = _granted_content(token)
    if name not in content.files:
        raise Http404
    return _file_response(content_folder(content), name, public=False)


@require_safe
def embed(request, token):
    """The page the site's iframe opens: the player, set up by rahnuma-embed.js, framed only by the grant's origin."""
    content, grant = _granted_content(token)
    base = f"/h5p/content/{token}"
    config = {
        "parentOrigin": grant.parent_origin,
        "player": {
            "h5pJsonPath": base,
            "contentJsonPath": f"{base}/content",
            "librariesPath": "/h5p/libraries",
            "frameJs": "/h5p/player/frame.bundle.js",
            "frameCss": "/h5p/player/styles/h5p.css",
            "embedType": "div",
            "frame": False,
            "icon": False,
            "copyright": False,
            "export": False,
            "fullScreen": False,
            "xAPIObjectIRI": content.activity_iri,
        },
    }
    response = render(
        request, "rahnuma_h5p/embed.html", {"config": config, "language": grant.language, "title": content.title}
    )
    response[HEADER] = policy_header(
        {
            **H5P_CSP,
            "script-src": ["'self'", *H5P_CORE_INLINE_SCRIPT_HASHES],
            "frame-ancestors": [grant.parent_origin],
        }
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
