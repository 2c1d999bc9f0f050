"""The throwaway PostgreSQL and Redis fixtures start and answer."""

import psycopg
import pytest
import redis
import sqlalchemy as sa


@pytest.mark.postgres
def test_postgres_url_answers(postgres_url):
    assert postgres_url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    assert postgres_url.endswith("/facilitate_test")
    with psycopg.connect(postgres_url.replace("+psycopg", "")) as conn:
        assert conn.execute("select 1").fetchone() == (1,)


@pytest.mark.postgres
def test_fresh_postgres_url_is_a_separate_database(postgres_url, fresh_postgres_url):
    assert fresh_postgres_url != postgres_url
    engine = sa.create_engine(fresh_postgres_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("select current_database()")).scalar().startswith("t_")
    finally:
        engine.dispose()


def test_redis_url_answers(redis_url):
    with redis.Redis.from_url(redis_url) as r:
        r.set("facilitate:probe", "ok")
        assert r.get("facilitate:probe") == b"ok"
