from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LoginView as AdminLoginView
from wagtail.documents import urls as wagtaildocs_urls

from cms.learning.throttle import limit_failed_logins
from cms.outreach import slips as outreach_slips
from themes import offline
from themes.views import theme_colours

urlpatterns = [
    # Wagtail's own admin login, with failed attempts limited like the learners' (cms.learning.throttle).
    path("admin/login/", limit_failed_logins(AdminLoginView.as_view())),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Launching H5P activities and receiving their results (cms.h5p.site_views); the player has its own host.
    path("h5p/", include("cms.h5p.urls")),
    # The site's own colours (themes.models.ThemeSettings), as CSS custom properties.
    path("theme/colours.css", theme_colours, name="theme-colours"),
    # The service worker that keeps opened pages for offline reading; at the root, to look after every page.
    path("sw.js", offline.service_worker, name="service-worker"),
    # A referral slip's QR link: printed once for every language, so outside the prefix (cms.outreach.slips).
    path("r/<str:code>/", outreach_slips.open_slip, name="outreach-slip"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page is under its language prefix: /en/, /ur/, /pnb/. The learner's own pages come
# before Wagtail's, which would otherwise take /learn/ (and /search/) for a page path.
urlpatterns += i18n_patterns(
    path("learn/", include("cms.learning.urls")),
    path("search/", include("search.urls")),
    path("kiosk/", include("themes.kiosk.urls")),  # only on sites with the kiosk theme
    path("offline/", offline.offline_page, name="offline"),
    path("field/", include("cms.outreach.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
