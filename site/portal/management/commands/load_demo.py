from django.core.management.base import BaseCommand

from portal import demo


class Command(BaseCommand):
    help = "Load the fictional demo bureau once; running it again changes nothing."

    def handle(self, *args, **options):
        if demo.load(progress=self.progress):
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write("Demo content is already loaded; nothing changed.")

    def progress(self, step, seconds):
        self.stdout.write(f"  {step}: {seconds:.1f} s")
        self.stdout.flush()
