"""The service: application routes, /healthz and Prometheus metrics on /metrics."""
import os
import time

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

REQUESTS = Counter("http_requests", "HTTP requests served, by path and status code.", ["path", "code"])
# The latency SLO reads this histogram; its threshold must be one of the buckets.
DURATION = Histogram(
    "http_request_duration_seconds",
    "Time to serve HTTP requests.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)

app = FastAPI(title=os.environ.get("SERVICE_NAME", "service"))


@app.middleware("http")
async def count_requests(request: Request, call_next):
    began = time.perf_counter()
    response = await call_next(request)
    if request.url.path != "/metrics":
        REQUESTS.labels(path=request.url.path, code=str(response.status_code)).inc()
        DURATION.observe(time.perf_counter() - began)
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
