package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHealthzAndMetrics(t *testing.T) {
	handler := newHandler(newMetrics())
	health := httptest.NewRecorder()
	handler.ServeHTTP(health, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if health.Code != http.StatusOK {
		t.Fatalf("/healthz returned %d", health.Code)
	}
	metrics := httptest.NewRecorder()
	handler.ServeHTTP(metrics, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if !strings.Contains(metrics.Body.String(), `http_requests_total{path="/healthz",code="200"} 1`) {
		t.Fatalf("metrics do not count the health check:\n%s", metrics.Body.String())
	}
	if !strings.Contains(metrics.Body.String(), `http_request_duration_seconds_count 1`) {
		t.Fatalf("metrics do not time the health check:\n%s", metrics.Body.String())
	}
}
