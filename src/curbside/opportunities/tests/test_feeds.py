import socket
from datetime import date
from decimal import Decimal

import feedparser.api
import pytest

from curbside.opportunities.listings import ListingFileError, parse_listings

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:job="https://jobs.example.org/ns" xmlns:georss="http://www.georss.org/georss">
<channel>
  <title>Rocky Mountain Physician Jobs</title>
  <link>https://jobs.example.org/</link>
  <item>
    <title>Hospitalist</title>
    <link>https://jobs.example.org/jobs/101</link>
    <guid isPermaLink="false">rmpj-101</guid>
    <pubDate>Fri, 01 Mar 2024 22:00:00 -0700</pubDate>
    <description>&lt;p&gt;Seven on / seven off.&lt;/p&gt;
      &lt;p&gt;&lt;b&gt;J-1 waiver&lt;/b&gt; sponsorship available.&lt;/p&gt;</description>
    <job:location>Aurora, CO 80045</job:location>
    <job:salary>$280,000 - $320,000 per year</job:salary>
    <job:company>University of Colorado Hospital</job:company>
    <job:expires>2024-05-31</job:expires>
    <job:employmentType>Full-time</job:employmentType>
  </item>
  <item>
    <title>Emergency Medicine Physician (Colorado Springs, CO)</title>
    <link>https://jobs.example.org/jobs/102</link>
    <guid>https://jobs.example.org/jobs/102</guid>
    <pubDate>Sat, 02 Mar 2024 08:00:00 GMT</pubDate>
    <description>Democratic group. $210/hr.</description>
    <salary>$210/hr</salary>
    <georss:point>38.8339 -104.8214</georss:point>
  </item>
</channel>
</rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Front Range Health careers</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2024-03-05T12:00:00Z</updated>
  <entry>
    <title>Nocturnist &#8211; Denver, CO</title>
    <link href="https://careers.example.org/nocturnist"/>
    <id>urn:frh:nocturnist</id>
    <updated>2024-03-04T23:30:00-07:00</updated>
    <summary>Short summary</summary>
    <content type="html">&lt;ul&gt;&lt;li&gt;Part-time nights&lt;/li&gt;
      &lt;li&gt;Hospital-employed&lt;/li&gt;&lt;/ul&gt;</content>
    <category term="Hospital Medicine"/>
  </entry>
  <entry>
    <title>Staff Physician - Night Shift, CO</title>
    <id>urn:frh:night</id>
  </entry>
</feed>"""


def test_an_rss_feed_with_board_fields_imports_as_a_person_would_read_it():
    result = parse_listings("jobs.rss", RSS)

    assert result.format == "feed"
    assert result.warnings == ()
    first, second = result.records

    assert first.line == 1
    assert first.title == "Hospitalist"
    assert first.url == "https://jobs.example.org/jobs/101"
    assert first.external_id == "rmpj-101"
    assert first.source == "Rocky Mountain Physician Jobs"  # the feed's title by default
    assert first.posted_on == date(2024, 3, 1)  # the date as written, not UTC's March 2
    assert first.expires_on == date(2024, 5, 31)
    assert first.description == "Seven on / seven off.\n\nJ-1 waiver sponsorship available."
    assert (first.city, first.state, first.zip_code) == ("Aurora", "CO", "80045")
    assert first.latitude == pytest.approx(39.75, abs=0.05)
    assert first.employer == "University of Colorado Hospital"
    assert (first.salary_min, first.salary_max, first.salary_unit, first.currency) == (
        Decimal(280000),
        Decimal(320000),
        "year",
        "USD",
    )
    assert first.position_type == "full_time"
    assert first.specialty == "hospitalist"
    assert first.practice_setting == "academic"  # a university employer
    assert first.visa_sponsorship == "J-1 waiver"
    assert first.problems == ()

    assert second.title == "Emergency Medicine Physician (Colorado Springs, CO)"
    assert second.external_id == "https://jobs.example.org/jobs/102"
    assert (second.city, second.state) == ("Colorado Springs", "CO")  # from the title
    assert (second.latitude, second.longitude) == (38.8339, -104.8214)  # the feed's own point
    assert (second.salary_min, second.salary_max, second.salary_unit) == (
        Decimal(210),
        Decimal(210),
        "hour",
    )
    assert second.specialty == "emergency_medicine"
    assert second.posted_on == date(2024, 3, 2)


def test_an_atom_feed_reads_content_dates_and_a_place_in_the_title():
    result = parse_listings("careers.atom", ATOM, source="Front Range Health")

    first, second = result.records
    assert first.title == "Nocturnist – Denver, CO"
    assert first.url == "https://careers.example.org/nocturnist"
    assert first.external_id == "urn:frh:nocturnist"
    assert first.source == "Front Range Health"
    assert first.posted_on == date(2024, 3, 4)
    assert first.description == "• Part-time nights\n• Hospital-employed"  # content over summary
    assert (first.city, first.state) == ("Denver", "CO")
    assert first.latitude == pytest.approx(39.74, abs=0.05)
    assert first.specialty == "hospitalist"
    assert first.position_type == "part_time"
    assert first.practice_setting == "hospital_employed"

    # "Night Shift, CO" is not a city: no place is made up.
    assert (second.city, second.state, second.latitude) == ("", "", None)


def test_entries_with_missing_fields_get_defaults_and_problems_never_a_crash():
    feed = b"""<rss version="2.0"><channel><title>Sparse</title>
      <item><description>A job with nothing else</description></item>
      <item><title>Urologist</title></item>
      <item><title>Dermatologist</title><pubDate>someday</pubDate>
        <expires>not a date</expires><salary>Competitive</salary></item>
    </channel></rss>"""

    first, second, third = parse_listings("sparse.xml", feed).records

    assert first.problems == ("Entry 1: no title.",)
    assert (first.title, first.url, first.external_id, first.posted_on) == ("", "", "", None)
    assert first.description == "A job with nothing else"
    assert second.problems == ()
    assert (second.url, second.posted_on, second.salary_min) == ("", None, None)
    assert third.posted_on is None
    assert third.problems == ('Entry 3: expiry date "not a date" is not a date.',)
    assert (third.salary_min, third.salary_max, third.salary_unit) == (None, None, "")


def test_a_feed_without_entries_is_read_with_a_warning():
    result = parse_listings(
        "empty.rss", b'<rss version="2.0"><channel><title>x</title></channel></rss>'
    )

    assert result.records == ()
    assert result.warnings == ("The feed has no entries.",)


def test_an_ill_formed_feed_is_read_leniently_and_says_so():
    feed = (
        b'<rss version="2.0"><channel><item><title>Neurologist &amp Stroke</title></item>'
        b"</channel></rss>"
    )

    result = parse_listings("broken.rss", feed)

    assert [record.title for record in result.records] == ["Neurologist & Stroke"]
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("The feed is not well-formed (")


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body><p>Not a feed</p></body></html>",
        b"Job Title,Company\nHospitalist,Denver Health\n",
        b'{"@type": "JobPosting"}',
    ],
)
def test_a_file_that_is_not_a_feed_is_refused(data):
    with pytest.raises(ListingFileError, match=r"^This file is not an RSS or Atom feed"):
        parse_listings("download.xml", data)


def test_parsing_a_feed_never_touches_the_network_or_other_files(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a feed parse tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(feedparser.api.http, "get", refuse)

    # Given as a string, feedparser would fetch the first and open the second.
    for data in (b"https://jobs.example.org/feed.rss", b"/etc/hostname"):
        with pytest.raises(ListingFileError, match=r"^This file is not an RSS or Atom feed"):
            parse_listings("feed.rss", data)
    assert parse_listings("feed.rss", RSS).records[0].title == "Hospitalist"
