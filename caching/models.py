# The caches keep no tables: what they did not forget waits in the task
# queue (caching/tasks.py), in django_tasks_db's table.
