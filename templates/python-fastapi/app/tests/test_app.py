import pytest
from fastapi.testclient import TestClient

from app import HEALTH_PATH, SERVICE_NAME, create_app


@pytest.fixture()
def client():
    return TestClient(create_app())


def check_json(response):
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    return response.json()


def test_index_greets_with_service_name(client):
    response = client.get("/")
    assert response.status_code == 200
    assert check_json(response) == {"service": SERVICE_NAME, "runtime": "python", "message": "Hello from AWS App Runner"}


def test_health_check_is_ok_and_answers_head(client):
    response = client.get(HEALTH_PATH)
    assert response.status_code == 200
    assert check_json(response) == {"status": "ok"}
    assert client.head(HEALTH_PATH).status_code == 200


def test_unknown_path_is_json_404(client):
    response = client.get("/no-such-path")
    assert response.status_code == 404
    assert check_json(response) == {"error": "not found"}


@pytest.mark.parametrize(("method", "path"), [("POST", "/"), ("DELETE", HEALTH_PATH)])
def test_wrong_method_is_json_405_naming_the_allowed_ones(client, method, path):
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert check_json(response) == {"error": "method not allowed"}


def test_docs_are_off_by_default(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").status_code == 404


def test_uncaught_exception_is_bare_json_500_logged_without_headers(caplog):
    app = create_app()

    # A route only this test adds: production has none that fails on purpose.
    @app.get("/boom")
    async def boom():
        raise RuntimeError("boom")

    response = TestClient(app, raise_server_exceptions=False).get("/boom", headers={"Authorization": "Bearer hunter2"})
    assert response.status_code == 500
    assert check_json(response) == {"error": "internal server error"}
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and errors[0].fields["error"] == "RuntimeError: boom"
    assert "hunter2" not in caplog.text


def test_each_request_is_logged_without_its_query(client, caplog):
    caplog.set_level("INFO", logger="app")
    client.get("/missing?token=abc123")
    (line,) = [r.fields for r in caplog.records if r.getMessage() == "request"]
    assert line["method"] == "GET" and line["path"] == "/missing" and line["status"] == 404
    assert isinstance(line["durationMs"], float)
    assert "abc123" not in caplog.text
