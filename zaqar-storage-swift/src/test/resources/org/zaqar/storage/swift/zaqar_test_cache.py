"""A process-local stand-in for memcached: tempauth keeps its tokens in swift.cache."""
import time


class _DictCache(object):
    def __init__(self):
        self._values = {}

    def get(self, key, **kwargs):
        value, expires = self._values.get(key, (None, 0))
        if expires and expires < time.time():
            self._values.pop(key, None)
            return None
        return value

    def set(self, key, value, serialize=True, time=0, **kwargs):
        self._values[key] = (value, _expiry(time))
        return True

    def incr(self, key, delta=1, time=0, **kwargs):
        value = int(self.get(key) or 0) + delta
        self._values[key] = (value, _expiry(time))
        return value

    def decr(self, key, delta=1, time=0, **kwargs):
        return self.incr(key, -delta, time)

    def delete(self, key, **kwargs):
        self._values.pop(key, None)

    def get_multi(self, keys, server_key, **kwargs):
        return [self.get(key) for key in keys]

    def set_multi(self, mapping, server_key, serialize=True, time=0, **kwargs):
        for key, value in mapping.items():
            self.set(key, value, time=time)


def _expiry(seconds):
    if not seconds:
        return 0
    return seconds if seconds > 30 * 24 * 3600 else time.time() + seconds


def filter_factory(global_conf, **local_conf):
    cache = _DictCache()

    def middleware(app):
        def handle(env, start_response):
            env['swift.cache'] = cache
            return app(env, start_response)
        return handle
    return middleware
