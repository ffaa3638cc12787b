"""The service: application routes, /healthz and Prometheus metrics on /metrics."""
import os

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

REQUESTS = Counter("http_requests", "HTTP requests served, by path and status code.", ["path", "code"])

app = FastAPI(title=os.environ.get("SERVICE_NAME", "service"))


@app.middleware("http")
async def count_requests(request: Request, call_next):
    response = await call_next(request)
    if request.url.path != "/metrics":
        REQUESTS.labels(path=request.url.path, code=str(response.status_code)).inc()
    return response


@app.get("/healthz")
def healthz() -> dict:
    return {"status": "ok"}


@app.get("/metrics")
def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


@app.get("/")
def root() -> dict:
    return {"service": os.environ.get("SERVICE_NAME", "service")}
