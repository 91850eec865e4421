# frozen_string_literal: true

require_relative "app"
require_relative "lib/http_guard"
require_relative "lib/request_logger"

# Unbuffered, so each log line reaches CloudWatch as soon as it is written.
$stdout.sync = true

use RequestLogger
use HttpGuard
run App
