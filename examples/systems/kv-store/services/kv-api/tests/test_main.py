from fastapi.testclient import TestClient

from app.main import app


def test_healthz_is_counted_in_metrics():
    client = TestClient(app)
    assert client.get("/healthz").status_code == 200
    body = client.get("/metrics").text
    assert 'http_requests_total{code="200",path="/healthz"} 1.0' in body
    assert "http_request_duration_seconds_count 1.0" in body
