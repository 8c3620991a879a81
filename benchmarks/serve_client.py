"""Client of benchmarks/serve.sh: fills a blog server with posts, or times full syncs of them.

    serve_client.py URL seed N        creates N posts, 250 to a request
    serve_client.py URL sync ROUNDS   prints the median records/s of ROUNDS full syncs, and all of them
"""
import json
import sys
import time
import urllib.request

SYNC = ("query($token: String) { syncPosts(limit: 1000, nextToken: $token) { items { id title content rating"
        " status tags publishedOn blogPostsId owner createdAt updatedAt _version _deleted _lastChangedAt }"
        " nextToken startedAt } }")


def post(url, query, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(url, body, {"content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        answer = json.loads(response.read())
    if answer.get("errors"):
        sys.exit("serve_client.py: the server answered %s" % answer["errors"])
    return answer["data"]


def seed(url, count):
    for start in range(0, count, 250):
        fields = " ".join(
            'p%d: createPost(input: {title: "post %d", content: "content of post %d", rating: %d, status: DRAFT,'
            ' tags: ["a", "b"]}) { id }' % (i, i, i, i % 5) for i in range(start, min(count, start + 250)))
        post(url, "mutation { %s }" % fields)


def sync(url, rounds):
    rates = []
    for _ in range(rounds):
        start, records, token = time.monotonic(), 0, None
        while True:
            page = post(url, SYNC, {"token": token})["syncPosts"]
            records += len(page["items"])
            token = page["nextToken"]
            if not token:
                break
        rates.append(records / (time.monotonic() - start))
    ordered = sorted(rates)
    print("%.0f (%s)" % (ordered[len(ordered) // 2], ", ".join("%.0f" % rate for rate in rates)))


if __name__ == "__main__":
    url, what, number = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if what == "seed":
        seed(url, number)
    else:
        sync(url, number)
