def test_home_page_answers_in_both_languages(client, home, english):
    from content_models.disclosure.models import HomePage
    from portal.demo.helpers import translate_page

    translate_page(home, "Qingyuan Civil Affairs")
    assert "清源区民政局" in client.get("/").content.decode()
    assert "Qingyuan Civil Affairs" in client.get("/en/").content.decode()
    assert HomePage.objects.count() == 2
