package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

func serve(t *testing.T, handler http.Handler, method, path string) (int, map[string]string) {
	t.Helper()
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s: Content-Type = %q, want application/json", method, path, ct)
	}
	if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s %s: X-Content-Type-Options = %q, want nosniff", method, path, got)
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

func TestWrongMethodNamesTheAllowedOnes(t *testing.T) {
	handler := newHandler(newLogger(io.Discard))
	for _, tt := range []struct{ method, path string }{{"POST", "/"}, {"DELETE", healthPath}} {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
		if rec.Code != 405 || rec.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s %s = %d Allow %q, want 405 Allow \"GET, HEAD\"", tt.method, tt.path, rec.Code, rec.Header().Get("Allow"))
		}
	}
}

func TestPanicIsAJSON500(t *testing.T) {
	var out bytes.Buffer
	// A route only this test adds: production has none that fails on purpose.
	failing := func(mux *http.ServeMux) {
		mux.HandleFunc("GET /test-only-panic", func(http.ResponseWriter, *http.Request) { panic("secret detail") })
	}
	status, body := serve(t, newHandler(newLogger(&out), failing), "GET", "/test-only-panic")
	if status != 500 || !reflect.DeepEqual(body, map[string]string{"error": "internal server error"}) {
		t.Errorf("panic = %d %v, want 500 internal server error", status, body)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first["level"] != "error" || first["error"] != "secret detail" {
		t.Errorf("first log line = %q, want an error line with the cause", lines[0])
	}
}

func TestRequestLogHoldsNoSecrets(t *testing.T) {
	var out bytes.Buffer
	req := httptest.NewRequest("GET", "/?token=SENTINEL1&page=2", nil)
	req.Header.Set("Authorization", "Bearer SENTINEL2")
	req.Header.Set("Cookie", "s=SENTINEL3")
	newHandler(newLogger(&out)).ServeHTTP(httptest.NewRecorder(), req)
	if strings.Contains(out.String(), "SENTINEL") {
		t.Errorf("log holds a secret: %s", out.String())
	}
}

func TestListenPort(t *testing.T) {
	t.Setenv("PORT", "")
	if port, err := listenPort(); err != nil || port != defaultPort {
		t.Errorf("unset PORT = %d %v, want %d", port, err, defaultPort)
	}
	for _, bad := range []string{"abc", "70000", "-1", "0", "80x"} {
		t.Setenv("PORT", bad)
		if _, err := listenPort(); err == nil || !strings.Contains(err.Error(), "PORT") || !strings.Contains(err.Error(), bad) {
			t.Errorf("PORT=%s: error %v, want one naming PORT and the value", bad, err)
		}
	}
}
