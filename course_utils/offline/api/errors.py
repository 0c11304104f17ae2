"""Errors in OpenAI's shape, so the `openai` SDK raises the same exceptions as against OpenAI.

Every failure the service reports is a JSON body

    {"error": {"message": "...", "type": "...", "param": "..." | null, "code": "..." | null}}

with the HTTP status that picks the SDK's exception class:

    400 BadRequestError   401 AuthenticationError   404 NotFoundError   500 InternalServerError

The handlers installed by `install_error_handlers` make sure nothing leaks in FastAPI's own
shape: request-validation problems (FastAPI's 422) become OpenAI's 400, unknown URLs become
OpenAI's "Invalid URL" 404, and a crash becomes a 500 with a message.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class APIError(Exception):
    """A failure to report to the client as OpenAI would."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",
        param: str | None = None,
        code: str | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code

    def body(self) -> dict:
        return {
            "error": {
                "message": self.message,
                "type": self.type,
                "param": self.param,
                "code": self.code,
            }
        }


def bad_request(message: str, *, param: str | None = None, code: str | None = None) -> APIError:
    """400: the request itself is wrong (a bad value, a missing field, a bad state)."""
    return APIError(400, message, param=param, code=code)


def not_found(message: str, *, param: str | None = None, code: str | None = None) -> APIError:
    """404: the model, file or job asked for does not exist."""
    return APIError(404, message, param=param, code=code)


def error_response(error: APIError) -> JSONResponse:
    return JSONResponse(status_code=error.status, content=error.body())


def _where(problem: dict) -> str:
    """The parameter a pydantic problem is about, e.g. "messages.0.role"."""
    # FastAPI prefixes the location with where it was found ("body", "query", "path").
    return ".".join(str(p) for p in problem.get("loc", ()) if p not in ("body", "query", "path"))


def _describe_validation_error(exc: RequestValidationError) -> APIError:
    """Turn pydantic's list of problems into one OpenAI-style 400, naming the parameter."""
    problems = exc.errors()
    if problems and problems[0].get("type") == "json_invalid":
        return bad_request("We could not parse the JSON body of your request. It must be valid JSON.")
    param = _where(problems[0]) if problems else ""
    if len(problems) == 1:
        details = problems[0].get("msg", "")
    else:
        details = "; ".join(f"{_where(p) or 'body'}: {p.get('msg', '')}" for p in problems)
    if param:
        return bad_request(f"Invalid value for '{param}': {details}.", param=param, code="invalid_value")
    return bad_request(f"Invalid request: {details}.")


class CrashesAsErrors:
    """ASGI middleware: an unexpected exception becomes OpenAI's 500, with a message.

    (Starlette's own handler for `Exception` answers but then re-raises, which makes the
    server drop the connection; catching it here keeps the answer clean.)
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            log.exception("internal error while serving %s %s", scope.get("method"), scope.get("path"))
            if started:  # the answer has begun: too late to replace it
                raise
            message = (
                f"The offline server hit an internal error: {type(exc).__name__}: {exc}. "
                "See the server's log for the traceback."
            )
            await error_response(APIError(500, message, type="server_error"))(scope, receive, send)


def install_error_handlers(app: FastAPI) -> None:
    """Make every error the app can produce come out in OpenAI's shape."""

    @app.exception_handler(APIError)
    async def _api_error(request: Request, exc: APIError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(_describe_validation_error(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code in (404, 405):
            # OpenAI answers an unknown route with this exact wording and a 404.
            message = f"Invalid URL ({request.method} {request.url.path})"
            return error_response(APIError(404, message))
        return error_response(APIError(exc.status_code, str(exc.detail)))

    app.add_middleware(CrashesAsErrors)
