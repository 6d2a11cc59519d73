"""Refuse a request whose body is larger than settings.RAHNUMA_MAX_REQUEST_BYTES, before anything reads it.

Django bounds what it keeps in memory (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams larger uploads to
temporary files of any size; this stops a huge body at its Content-Length with 413. Put a limit in
the proxy in front as well (client_max_body_size in nginx), so that the body is not even sent.
"""

from django.conf import settings
from django.http import HttpResponse


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("Bad Content-Length.", status=400, content_type="text/plain")
        if length > settings.RAHNUMA_MAX_REQUEST_BYTES:
            return HttpResponse("The request is too large.", status=413, content_type="text/plain")
        return self.get_response(request)
