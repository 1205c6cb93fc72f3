/* test_router.c — path patterns, captures, HEAD, 405 detection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "http/router.h"

static int hit;
static void h_home(req *r, resp *w) { hit = 1; }
static void h_article(req *r, resp *w) { hit = 2; }
static void h_static(req *r, resp *w) { hit = 3; }
static void h_post(req *r, resp *w) { hit = 4; }

static const route routes[] = {
    { HTTP_GET, "/", h_home },
    { HTTP_GET, "/article/:id", h_article },
    { HTTP_GET, "/article/:id/:slug", h_article },
    { HTTP_GET, "/static/*", h_static },
    { HTTP_POST, "/article/:id/comments", h_post },
};
#define N (sizeof routes / sizeof routes[0])

static route_result match(arena *a, http_method m, const char *path, req *r,
                          const route **rt, unsigned *allowed)
{
    memset(r, 0, sizeof *r);
    r->a = a;
    r->method = m;
    r->path = path;
    return router_match(routes, N, r, rt, allowed);
}

static void test_literal_and_captures(void **state)
{
    arena *a = arena_new(0);
    req r;
    const route *rt;
    unsigned allowed;
    assert_int_equal(match(a, HTTP_GET, "/", &r, &rt, &allowed), ROUTE_FOUND);
    assert_ptr_equal(rt->handler, h_home);
    assert_int_equal(match(a, HTTP_GET, "/article/12", &r, &rt, &allowed), ROUTE_FOUND);
    assert_int_equal(r.n_params, 1);
    assert_string_equal(r.params[0], "12");
    assert_int_equal(match(a, HTTP_GET, "/article/12/مداد-اليوم", &r, &rt, &allowed), ROUTE_FOUND);
    assert_int_equal(r.n_params, 2);
    assert_string_equal(r.params[1], "مداد-اليوم");
    arena_free(a);
}

static void test_not_found(void **state)
{
    arena *a = arena_new(0);
    req r;
    const route *rt;
    unsigned allowed;
    const char *paths[] = { "", "/x", "/article", "/article/", "/article//x", "/article/1/",
                            "/article/1/x/y", "//", "/static", "/static/", "article/1" };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        assert_int_equal(match(a, HTTP_GET, paths[i], &r, &rt, &allowed), ROUTE_NOT_FOUND);
    arena_free(a);
}

static void test_rest_of_path(void **state)
{
    arena *a = arena_new(0);
    req r;
    const route *rt;
    unsigned allowed;
    assert_int_equal(match(a, HTTP_GET, "/static/css/site.css", &r, &rt, &allowed), ROUTE_FOUND);
    assert_string_equal(r.params[0], "css/site.css");
    arena_free(a);
}

static void test_head_uses_get_routes_and_405(void **state)
{
    arena *a = arena_new(0);
    req r;
    const route *rt;
    unsigned allowed;
    assert_int_equal(match(a, HTTP_HEAD, "/article/3/x", &r, &rt, &allowed), ROUTE_FOUND);
    assert_int_equal(match(a, HTTP_POST, "/", &r, &rt, &allowed), ROUTE_BAD_METHOD);
    assert_int_equal(allowed, HTTP_GET);
    assert_string_equal(router_allow_header(allowed), "GET, HEAD");
    assert_int_equal(match(a, HTTP_GET, "/article/3/comments", &r, &rt, &allowed), ROUTE_FOUND);
    assert_int_equal(match(a, HTTP_POST, "/article/3/comments", &r, &rt, &allowed), ROUTE_FOUND);
    assert_ptr_equal(rt->handler, h_post);
    assert_int_equal(match(a, HTTP_OTHER, "/article/3", &r, &rt, &allowed), ROUTE_BAD_METHOD);
    assert_int_equal(r.n_params, 0);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal_and_captures),
        cmocka_unit_test(test_not_found),
        cmocka_unit_test(test_rest_of_path),
        cmocka_unit_test(test_head_uses_get_routes_and_405),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
