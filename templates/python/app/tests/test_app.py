import pytest

from app import HEALTH_PATH, SERVICE_NAME, create_app


@pytest.fixture()
def client():
    return create_app().test_client()


def test_index_greets_with_service_name(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == {
        "service": SERVICE_NAME,
        "runtime": "python",
        "message": "Hello from AWS App Runner",
    }


def test_health_check_is_ok(client):
    response = client.get(HEALTH_PATH)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == {"status": "ok"}


def test_unknown_path_is_json_404(client):
    response = client.get("/no-such-path")
    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert response.get_json() == {"error": "not found"}


def test_wrong_method_is_json_405(client):
    response = client.post("/")
    assert response.status_code == 405
    assert response.get_json() == {"error": "method not allowed"}


def test_uncaught_exception_is_json_500():
    app = create_app()

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert response.get_json() == {"error": "internal server error"}
