"""motions: motions, amendments and votes; AGM offices, nominations and officer terms (#16)

Revision ID: cd0006
Revises: cd0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'cd0006'
down_revision: str | None = 'cd0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('election_offices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('declared_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_election_offices_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_election_offices'))
    )
    with op.batch_alter_table('election_offices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_election_offices_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('motions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('proposer_id', sa.Integer(), nullable=True),
    sa.Column('seconder_id', sa.Integer(), nullable=True),
    sa.Column('majority', sa.Enum('simple', 'two-thirds', 'three-quarters', name='motion_majority', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.Column('hands_for', sa.Integer(), nullable=True),
    sa.Column('hands_against', sa.Integer(), nullable=True),
    sa.Column('hands_abstain', sa.Integer(), nullable=True),
    sa.Column('casting_vote', sa.Enum('for', 'against', 'abstain', name='motion_casting_vote', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('present_at_vote', sa.Integer(), nullable=True),
    sa.Column('required_at_vote', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_motions_agenda_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_motions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['motions.id'], name=op.f('fk_motions_parent_id_motions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposer_id'], ['members.id'], name=op.f('fk_motions_proposer_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['seconder_id'], ['members.id'], name=op.f('fk_motions_seconder_id_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_motions'))
    )
    with op.batch_alter_table('motions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_motions_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_motions_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_motions_parent_id'), ['parent_id'], unique=False)

    op.create_table('nominations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('proposer_id', sa.Integer(), nullable=True),
    sa.Column('seconder_id', sa.Integer(), nullable=True),
    sa.Column('votes', sa.Integer(), nullable=True),
    sa.Column('elected', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_nominations_member_id_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['office_id'], ['election_offices.id'], name=op.f('fk_nominations_office_id_election_offices'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposer_id'], ['members.id'], name=op.f('fk_nominations_proposer_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['seconder_id'], ['members.id'], name=op.f('fk_nominations_seconder_id_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nominations')),
    sa.UniqueConstraint('office_id', 'member_id', name=op.f('uq_nominations_office_id_member_id'))
    )
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nominations_member_id'), ['member_id'], unique=False)

    op.create_table('officer_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('office', sa.String(length=120), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('office_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_officer_terms_member_id_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['office_id'], ['election_offices.id'], name=op.f('fk_officer_terms_office_id_election_offices'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officer_terms'))
    )
    with op.batch_alter_table('officer_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officer_terms_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_officer_terms_office_id'), ['office_id'], unique=False)

    op.create_table('motion_votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('motion_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('vote', sa.Enum('for', 'against', 'abstain', name='motion_vote_choice', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('proxy_holder_id', sa.Integer(), nullable=True),
    sa.Column('kept_when_left', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_motion_votes_member_id_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['motion_id'], ['motions.id'], name=op.f('fk_motion_votes_motion_id_motions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proxy_holder_id'], ['members.id'], name=op.f('fk_motion_votes_proxy_holder_id_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_motion_votes')),
    sa.UniqueConstraint('motion_id', 'member_id', name=op.f('uq_motion_votes_motion_id_member_id'))
    )
    with op.batch_alter_table('motion_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_motion_votes_member_id'), ['member_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('motion_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_motion_votes_member_id'))

    op.drop_table('motion_votes')
    with op.batch_alter_table('officer_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officer_terms_office_id'))
        batch_op.drop_index(batch_op.f('ix_officer_terms_member_id'))

    op.drop_table('officer_terms')
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nominations_member_id'))

    op.drop_table('nominations')
    with op.batch_alter_table('motions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_motions_parent_id'))
        batch_op.drop_index(batch_op.f('ix_motions_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_motions_agenda_item_id'))

    op.drop_table('motions')
    with op.batch_alter_table('election_offices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_election_offices_meeting_id'))

    op.drop_table('election_offices')
