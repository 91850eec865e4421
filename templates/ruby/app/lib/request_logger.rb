# frozen_string_literal: true

require "json"
require "rack/body_proxy"

# Rack middleware writing one JSON line per request to stdout, which App Runner ships to
# CloudWatch Logs. The line is written when the server closes the body, so durationMs covers
# sending the response too. Only the path is logged: query strings may carry secrets.
class RequestLogger
  def initialize(app, out = $stdout)
    @app = app
    @out = out
  end

  def call(env)
    started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    status, headers, body = @app.call(env)
    [status, headers, Rack::BodyProxy.new(body) { log(env, status, started) }]
  rescue StandardError
    log(env, 500, started)
    raise
  end

  private

  def log(env, status, started)
    ms = ((Process.clock_gettime(Process::CLOCK_MONOTONIC) - started) * 1000).round(1)
    line = JSON.generate(level: "info", msg: "request", method: env["REQUEST_METHOD"],
                         path: env["PATH_INFO"], status: status.to_i, durationMs: ms)
    # One write per line, so lines from concurrent threads never interleave.
    @out.write("#{line}\n")
  end
end
