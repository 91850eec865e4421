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
