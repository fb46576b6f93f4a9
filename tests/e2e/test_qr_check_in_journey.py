"""Journey: a person gets the QR ticket by e-mail; at the door the organiser's phone
camera reads it and checks them in, and reading it again says "al binnen om …".

The ticket PNG is taken from the real confirmation e-mail, decoded to pixels by the
browser itself, and fed to a second Chromium as its camera (a fake video device
playing a .y4m file), so the real jsQR scanner in the page does the reading.
"""

import base64
import datetime

import pytest
from django.core import mail
from django.utils import timezone

from bijeenkomsten import services
from bijeenkomsten.models import Event, Registration
from tests.bijeenkomsten.factories import EventFactory
from tests.core.factories import UserFactory
from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, log_in

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH, HEIGHT = 640, 480

PNG_TO_GREY = """async ([dataUrl, width, height]) => {
  const image = new Image();
  image.src = dataUrl;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = width; canvas.height = height;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
  const side = Math.min(canvas.height - 40, image.width);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(image, (canvas.width - side) / 2, (canvas.height - side) / 2, side, side);
  const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let grey = "";
  for (let i = 0; i < rgba.length; i += 4) {
    const y = 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
    grey += String.fromCharCode(Math.round(y));
  }
  return btoa(grey);
}"""


def _y4m(grey: bytes) -> bytes:
    """One still frame as YUV 4:2:0 (grey: neutral chroma), repeated for a few frames."""
    chroma = bytes([128]) * (WIDTH // 2 * HEIGHT // 2)
    frame = b"FRAME\n" + grey + chroma + chroma
    return f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F5:1 Ip A1:1 C420jpeg\n".encode() + frame * 5


def test_it_checks_in_by_scanning_the_qr_ticket_from_the_mail(page, browser, live_server, tmp_path):
    organiser = UserFactory(verified=True, name="Marieke de Boer")
    anouk = UserFactory(verified=True, name="Anouk Verbeek")
    event = EventFactory(organiser=organiser, title="Samen Doen! vandaag")
    mail.outbox.clear()
    registration = services.registration_create(event=event, user=anouk)
    # The day arrives: the event has just begun.
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        starts_at=now - datetime.timedelta(minutes=10), ends_at=now + datetime.timedelta(hours=3)
    )
    [ticket_mail] = [m for m in mail.outbox if anouk.email in m.to]
    [(name, png, mimetype)] = ticket_mail.attachments
    assert name == "ticket.png"

    page.goto("/")
    data_url = "data:image/png;base64," + base64.b64encode(png).decode()
    grey = base64.b64decode(page.evaluate(PNG_TO_GREY, [data_url, WIDTH, HEIGHT]))
    assert len(grey) == WIDTH * HEIGHT
    camera_file = tmp_path / "ticket.y4m"
    camera_file.write_bytes(_y4m(grey))

    phone = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_FLAGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={camera_file}",
        ],
    )
    try:
        context = phone.new_context(
            base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="nl-NL"
        )
        context.grant_permissions(["camera"])
        context.set_default_timeout(30_000)
        door = context.new_page()
        log_in(door, organiser)
        door.goto(f"/bijeenkomsten/{event.slug}/inchecken/")
        door.get_by_role("button", name="Start de camera").click()
        door.get_by_text("is ingecheckt").wait_for()
        assert "Anouk Verbeek" in door.locator("#scan-result").inner_text()
        registration.refresh_from_db()
        assert registration.checked_in_at is not None
        # The ticket stays in front of the camera: the next read says when Anouk came in.
        door.get_by_text("was al binnen om").wait_for(timeout=20_000)
        time_in = timezone.localtime(registration.checked_in_at).strftime("%H:%M")
        assert f"was al binnen om {time_in}" in door.locator("#scan-result").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        door.screenshot(path=str(ARTIFACTS / "events-qr-check-in.png"), full_page=True)
        assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1
    finally:
        phone.close()
