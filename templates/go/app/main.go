// Command server is a small JSON web service made for AWS App Runner or Amazon ECS Express Mode.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// App Runner stops sending traffic before SIGTERM; requests still in flight get this long to finish.
const drainTimeout = 10 * time.Second

func main() {
	logger := newLogger(os.Stdout)
	if err := run(logger); err != nil {
		logger.Error("exiting", "error", err.Error())
		os.Exit(1)
	}
}

func run(logger *slog.Logger) error {
	port, err := listenPort()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", ":"+strconv.Itoa(port))
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler: newHandler(logger),
		// Timeouts keep slow or idle clients from holding connections (and memory) forever.
		ReadHeaderTimeout: 5 * time.Second,
		// net/http answers a larger header block with 431. It reads up to MaxHeaderBytes plus 4096 bytes
		// of slack (https://pkg.go.dev/net/http#Server), so 12 KiB here refuses blocks over 16 KiB.
		MaxHeaderBytes: 12 << 10,
		ReadTimeout:    15 * time.Second,
		WriteTimeout:   30 * time.Second,
		IdleTimeout:    120 * time.Second,
		ErrorLog:       slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	logger.Info("listening", "port", port)

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	stop() // a second signal now ends the process at once
	logger.Info("shutting down", "drainTimeoutMs", drainTimeout.Milliseconds())
	drainCtx, cancel := context.WithTimeout(context.Background(), drainTimeout)
	defer cancel()
	if err := srv.Shutdown(drainCtx); err != nil {
		// Out of time: the instance is going away regardless, so cut what is left and exit 0 like a
		// finished drain (a non-zero exit here would only read as a crash in the logs).
		logger.Warn("drain timed out, closing remaining connections", "error", err.Error())
		_ = srv.Close()
		return nil
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

func listenPort() (int, error) {
	s := os.Getenv("PORT")
	if s == "" {
		return defaultPort, nil
	}
	port, err := strconv.Atoi(s)
	if err != nil || port < 1 || port > 65535 {
		return 0, fmt.Errorf("PORT must be a number from 1 to 65535, got %q", s)
	}
	return port, nil
}

// newLogger writes one JSON object per line, with lower-case levels ("info") as log tools expect.
func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.LevelKey && len(groups) == 0 {
				a.Value = slog.StringValue(strings.ToLower(a.Value.String()))
			}
			return a
		},
	}))
}
