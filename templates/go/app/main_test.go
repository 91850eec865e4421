package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

func serve(t *testing.T, handler http.Handler, method, path string) (int, map[string]string) {
	t.Helper()
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s: Content-Type = %q, want application/json", method, path, ct)
	}
	var body map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("%s %s: body %q is not a JSON object of strings: %v", method, path, rec.Body, err)
	}
	return rec.Code, body
}

func TestRoutes(t *testing.T) {
	handler := newHandler(newLogger(io.Discard))
	tests := []struct {
		method, path string
		status       int
		body         map[string]string
	}{
		{"GET", "/", 200, map[string]string{"service": serviceName, "runtime": "go", "message": "Hello from AWS App Runner"}},
		{"GET", healthPath, 200, map[string]string{"status": "ok"}},
		{"GET", "/no-such-page", 404, map[string]string{"error": "not found"}},
		{"POST", "/", 405, map[string]string{"error": "method not allowed"}},
	}
	for _, tt := range tests {
		status, body := serve(t, handler, tt.method, tt.path)
		if status != tt.status || !reflect.DeepEqual(body, tt.body) {
			t.Errorf("%s %s = %d %v, want %d %v", tt.method, tt.path, status, body, tt.status, tt.body)
		}
	}
}

func TestRequestLogLine(t *testing.T) {
	var out bytes.Buffer
	serve(t, newHandler(newLogger(&out)), "GET", healthPath)
	var line map[string]any
	if err := json.Unmarshal(out.Bytes(), &line); err != nil {
		t.Fatalf("log output %q is not one JSON line: %v", out.String(), err)
	}
	for key, want := range map[string]any{"level": "info", "msg": "request", "method": "GET", "path": healthPath, "status": 200.0} {
		if line[key] != want {
			t.Errorf("log %s = %v, want %v", key, line[key], want)
		}
	}
	if _, ok := line["durationMs"].(float64); !ok {
		t.Errorf("log durationMs = %v, want a number", line["durationMs"])
	}
}
