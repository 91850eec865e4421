// Sends requests straight to the router (no socket, no port) and checks status and JSON body.
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

async fn call(method: Method, path: &str) -> (StatusCode, Value) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .body(Body::empty())
        .unwrap();
    let response = app::router().oneshot(request).await.unwrap();
    let content_type = response.headers().get(header::CONTENT_TYPE).cloned();
    assert_eq!(
        content_type.unwrap(),
        "application/json",
        "{path} answers JSON"
    );
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&body).unwrap())
}

#[tokio::test]
async fn root_says_hello() {
    let (status, body) = call(Method::GET, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({ "service": app::SERVICE, "runtime": "rust", "message": "Hello from AWS App Runner" })
    );
}

#[tokio::test]
async fn health_check_is_ok() {
    let (status, body) = call(Method::GET, app::HEALTH_PATH).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({ "status": "ok" }));
}

#[tokio::test]
async fn unknown_path_is_a_json_404() {
    let (status, body) = call(Method::GET, "/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({ "error": "not found" }));
}

#[tokio::test]
async fn wrong_method_is_a_json_405() {
    let (status, body) = call(Method::POST, "/").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body, json!({ "error": "method not allowed" }));
}

#[tokio::test]
async fn wrong_method_names_the_allowed_ones() {
    for (method, path) in [(Method::POST, "/"), (Method::DELETE, app::HEALTH_PATH)] {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .unwrap();
        let response = app::router().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(response.headers()[header::ALLOW], "GET, HEAD");
    }
}

#[tokio::test]
async fn every_answer_says_nosniff() {
    for path in ["/", app::HEALTH_PATH, "/no-such-page"] {
        let request = Request::builder().uri(path).body(Body::empty()).unwrap();
        let response = app::router().oneshot(request).await.unwrap();
        assert_eq!(
            response.headers()[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff",
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_panic_is_a_bare_json_500() {
    // A route only this test adds: production has none that fails on purpose.
    async fn fails() -> StatusCode {
        panic!("secret detail")
    }
    let failing = axum::Router::new().route("/test-only-panic", axum::routing::get(fails));
    let request = Request::builder()
        .uri("/test-only-panic")
        .body(Body::empty())
        .unwrap();
    let response = app::router_with(failing).oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        response.headers()[header::X_CONTENT_TYPE_OPTIONS],
        "nosniff"
    );
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body, r#"{"error":"internal server error"}"#);
}

#[test]
fn port_is_validated() {
    assert_eq!(app::parse_port(None), Ok(app::DEFAULT_PORT));
    assert_eq!(app::parse_port(Some("9000")), Ok(9000));
    for bad in ["abc", "70000", "-1", "0", "+80", "80x"] {
        let err = app::parse_port(Some(bad)).unwrap_err();
        assert!(err.contains("PORT") && err.contains(bad), "{bad}: {err}");
    }
}
