"""factory_boy factories shared by the tests."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth.models import Group

from tillid.accounts.models import OrgUnit, User

TEST_PASSWORD = "correct-horse-battery-staple"


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Forvaltning {n}")
    kind = OrgUnit.Kind.ADMINISTRATION
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"bruger{n}@kk.example")
    name = factory.Faker("name", locale="da_DK")
    job_title = "Socialrådgiver"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            # get_or_create: a transactional test's flush also empties the migrated role groups.
            self.groups.add(*(Group.objects.get_or_create(name=role)[0] for role in extracted))
        if create:
            self.save()
