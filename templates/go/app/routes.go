package main

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// newHandler returns every route, wrapped in request logging, panic recovery and the headers every
// answer carries. Tests call it without a listener, and may add routes of their own through extra
// (e.g. one that panics): production registers none that fail on purpose.
func newHandler(logger *slog.Logger, extra ...func(*http.ServeMux)) http.Handler {
	mux := http.NewServeMux()
	for _, add := range extra {
		add(mux)
	}
	// Go 1.22+ patterns: "{$}" matches "/" only, and the method-less twin of each route answers
	// other methods with 405 instead of falling through to the 404 catch-all.
	mux.HandleFunc("GET /{$}", root)
	mux.HandleFunc("/{$}", methodNotAllowed)
	mux.HandleFunc("GET "+healthPath, health)
	mux.HandleFunc(healthPath, methodNotAllowed)
	mux.HandleFunc("/", notFound)
	return logRequests(logger, recoverPanics(logger, noSniff(mux)))
}

// noSniff tells browsers to take every answer as the JSON it says it is, never to sniff it into HTML.
func noSniff(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic in a handler into the same JSON 500 every runtime answers, and one
// error log line (the cause and path, never the request's headers). net/http would otherwise drop
// the connection and print the stack. http.ErrAbortHandler is net/http's own way to abort a response,
// so it is passed on.
func recoverPanics(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			failure := recover()
			if failure == nil {
				return
			}
			if failure == http.ErrAbortHandler {
				panic(failure)
			}
			logger.Error("unhandled error", "path", r.URL.Path, "error", fmt.Sprint(failure))
			w.Header().Set("X-Content-Type-Options", "nosniff")
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal server error"})
		}()
		next.ServeHTTP(w, r)
	})
}

type hello struct {
	Service string `json:"service"`
	Runtime string `json:"runtime"`
	Message string `json:"message"`
}

func root(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, hello{Service: serviceName, Runtime: "go", Message: "Hello from AWS App Runner"})
}

func health(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func notFound(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found"})
}

func methodNotAllowed(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Allow", "GET, HEAD")
	writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "method not allowed"})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body) // the client may have gone; nothing useful to do then
}

// statusRecorder remembers the status code a handler wrote, for the request log line.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the real writer (flush, deadlines).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func logRequests(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		logger.Info("request",
			"method", r.Method,
			"path", r.URL.Path,
			"status", rec.status,
			"durationMs", float64(time.Since(start).Microseconds())/1000,
		)
	})
}
