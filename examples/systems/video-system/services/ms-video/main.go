// Command service serves the application, /healthz and Prometheus metrics on /metrics.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
)

// durationBuckets are the upper bounds, in seconds, of the request duration histogram
// the latency SLO reads (its threshold must be one of them).
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type metrics struct {
	mu       sync.Mutex
	requests map[string]uint64
	buckets  []uint64
	sum      float64
	observed uint64
	started  time.Time
}

func newMetrics() *metrics {
	return &metrics{
		requests: map[string]uint64{},
		buckets:  make([]uint64, len(durationBuckets)),
		started:  time.Now(),
	}
}

func (m *metrics) count(path string, code int, took time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[fmt.Sprintf("path=%q,code=\"%d\"", path, code)]++
	seconds := took.Seconds()
	for i, le := range durationBuckets {
		if seconds <= le {
			m.buckets[i]++
		}
	}
	m.sum += seconds
	m.observed++
}

// ServeHTTP writes the Prometheus text exposition format (version 0.0.4).
func (m *metrics) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	m.mu.Lock()
	keys := make([]string, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("# HELP http_requests_total HTTP requests served, by path and status code.\n")
	b.WriteString("# TYPE http_requests_total counter\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "http_requests_total{%s} %d\n", k, m.requests[k])
	}
	b.WriteString("# HELP http_request_duration_seconds Time to serve HTTP requests.\n")
	b.WriteString("# TYPE http_request_duration_seconds histogram\n")
	for i, le := range durationBuckets {
		fmt.Fprintf(&b, "http_request_duration_seconds_bucket{le=%q} %d\n", fmt.Sprint(le), m.buckets[i])
	}
	fmt.Fprintf(&b, "http_request_duration_seconds_bucket{le=\"+Inf\"} %d\n", m.observed)
	fmt.Fprintf(&b, "http_request_duration_seconds_sum %g\n", m.sum)
	fmt.Fprintf(&b, "http_request_duration_seconds_count %d\n", m.observed)
	m.mu.Unlock()
	b.WriteString("# HELP process_start_time_seconds Start time of the process since the Unix epoch.\n")
	b.WriteString("# TYPE process_start_time_seconds gauge\n")
	fmt.Fprintf(&b, "process_start_time_seconds %d\n", m.started.Unix())
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, _ = w.Write([]byte(b.String()))
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.code = code
	r.ResponseWriter.WriteHeader(code)
}

func newHandler(m *metrics) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	})
	mux.Handle("/metrics", m)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"service":%q}`, os.Getenv("SERVICE_NAME"))
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		began := time.Now()
		rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		if r.Method != http.MethodGet {
			rec.WriteHeader(http.StatusMethodNotAllowed)
		} else {
			mux.ServeHTTP(rec, r)
		}
		if r.URL.Path != "/metrics" {
			m.count(r.URL.Path, rec.code, time.Since(began))
		}
	})
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	server := &http.Server{
		Addr:              ":" + port,
		Handler:           newHandler(newMetrics()),
		ReadHeaderTimeout: 5 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	go func() {
		log.Printf("listening on :%s", port)
		if err := server.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatalf("server failed: %v", err)
		}
	}()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = server.Shutdown(shutdown)
}
