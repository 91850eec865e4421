# frozen_string_literal: true

require "json"

# Rack middleware for what every answer needs, whatever route wrote it: `X-Content-Type-Options:
# nosniff`, so browsers take each body as the JSON it says it is; and a 431 for a header block over
# 16 KiB. Puma's own limit is a fixed 112 KiB (Puma::Const::MAX_HEADER), so the smaller one is kept here.
class HttpGuard
  MAX_HEADER_BYTES = 16 * 1024
  TOO_LARGE = JSON.generate(error: "request header fields too large")

  def initialize(app)
    @app = app
  end

  def call(env)
    status, headers, body = header_bytes(env) > MAX_HEADER_BYTES ? too_large : @app.call(env)
    headers["x-content-type-options"] = "nosniff"
    [status, headers, body]
  end

  private

  # The request's header fields as they came (name, ": ", value, CRLF), from Rack's env.
  def header_bytes(env)
    env.sum do |key, value|
      next 0 unless key.start_with?("HTTP_") || key == "CONTENT_TYPE" || key == "CONTENT_LENGTH"

      key.bytesize + value.to_s.bytesize + 4
    end
  end

  def too_large
    [431, { "content-type" => "application/json" }, [TOO_LARGE]]
  end
end
